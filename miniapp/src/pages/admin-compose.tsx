import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Button, Page, useNavigate } from "zmp-ui";
import type { RoleView } from "../../../shared/schemas/admin";
import type { CampaignDraft } from "../../../shared/schemas/campaign";
import type { OaMessage } from "../../../shared/schemas/oa";
import { adminErrorText as errorText } from "../api/error-text";
import { adminApi } from "../api/session";
import { loadAdminRoles } from "../state/actions";
import { ChatPreview } from "../admin/chat-preview";
import { ErrorBox } from "../admin/error-box";
import { MAX_BUTTON_TITLE_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS, num, TOPICS } from "../admin/format";
import "../admin/admin.css";
import { AppHeader } from "../components/app-header";
import { NetworkBanner } from "../components/network-banner";
import { skills } from "../lib/course";
import { CommunePicker, type PickedCommune } from "../admin/commune-picker";
import { useAppState } from "../state/store";

type ButtonKind = "none" | "link" | "lesson";

interface Form {
  title: string;
  text: string;
  area: string;
  /** The operator's own area code, when "another area" is chosen. */
  otherArea: string;
  topics: string[];
  buttonKind: ButtonKind;
  buttonTitle: string;
  url: string;
  lessonId: string;
  allowPaid: boolean;
  budget: string;
  usePromotion: boolean;
  communes: PickedCommune[];
}

type Field = "title" | "text" | "area" | "otherArea" | "topics" | "buttonTitle" | "url" | "lessonId" | "budget";
type Errors = Partial<Record<Field, string>>;

const OTHER_AREA = "other";

interface AreaOption {
  value: string;
  label: string;
  province: boolean;
}

/** The areas I may send to: those of my roles (a province as a whole, or my commune); the operator types a code. */
function areaOptions(roles: RoleView[]): AreaOption[] {
  const out: AreaOption[] = [];
  for (const r of roles) {
    if (r.role === "operator" || out.some((o) => o.value === r.areaCode)) continue;
    out.push(
      r.role === "province_official"
        ? { value: r.areaCode, label: `${r.areaName} (cả tỉnh/thành)`, province: true }
        : { value: r.areaCode, label: r.areaName, province: false },
    );
  }
  if (roles.some((r) => r.role === "operator")) out.push({ value: OTHER_AREA, label: "Khu vực khác (nhập mã)", province: false });
  return out;
}

const blank = (area: string): Form => ({
  title: "",
  text: "",
  area,
  otherArea: "",
  topics: [],
  buttonKind: "none",
  buttonTitle: "",
  url: "",
  lessonId: "",
  allowPaid: false,
  budget: "0",
  usePromotion: false,
  communes: [],
});

/** What the official typed is kept while they look elsewhere, until it is saved. */
let unsaved: Form | null = null;

const MARKUP = /[<>]/;

function isHttpsUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "https:" && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(u.hostname);
  } catch {
    return false;
  }
}

/** What the server counts: title, a blank line, text (shown as 0 while both are empty). */
function totalLength(f: Pick<Form, "title" | "text">): number {
  const n = f.title.trim().length + f.text.trim().length;
  return n === 0 ? 0 : n + 2;
}

/** Checks the form as the server will, with the reasons in words; returns the draft when all is well. */
function validate(f: Form): { errors: Errors; draft: CampaignDraft | null } {
  const e: Errors = {};
  const title = f.title.trim();
  const text = f.text.trim();
  if (!title) e.title = "Hãy nhập tiêu đề.";
  else if (title.length > MAX_TITLE_CHARS) e.title = `Tiêu đề dài tối đa ${MAX_TITLE_CHARS} ký tự.`;
  else if (MARKUP.test(title)) e.title = "Tiêu đề không được chứa dấu < hoặc >.";
  if (!text) e.text = "Hãy nhập nội dung tin.";
  else if (totalLength(f) > MAX_TEXT_CHARS) e.text = `Tiêu đề và nội dung cộng lại dài quá ${num(MAX_TEXT_CHARS)} ký tự. Hãy rút gọn.`;
  else if (MARKUP.test(text)) e.text = "Nội dung không được chứa dấu < hoặc >.";
  const areaCode = f.area === OTHER_AREA ? f.otherArea.trim() : f.area;
  if (!f.area) e.area = "Hãy chọn khu vực nhận tin.";
  else if (f.area === OTHER_AREA && !/^(\d{2}|\d{5})$/.test(areaCode)) e.otherArea = "Mã khu vực gồm 2 chữ số (tỉnh/thành) hoặc 5 chữ số (xã/phường).";
  if (f.topics.length === 0) e.topics = "Hãy chọn ít nhất một chủ đề.";
  const buttonTitle = f.buttonTitle.trim();
  if (f.buttonKind !== "none") {
    if (!buttonTitle) e.buttonTitle = "Hãy nhập chữ trên nút.";
    else if (buttonTitle.length > MAX_BUTTON_TITLE_CHARS) e.buttonTitle = `Chữ trên nút dài tối đa ${MAX_BUTTON_TITLE_CHARS} ký tự.`;
    else if (MARKUP.test(buttonTitle)) e.buttonTitle = "Chữ trên nút không được chứa dấu < hoặc >.";
  }
  if (f.buttonKind === "link" && !isHttpsUrl(f.url.trim())) e.url = "Địa chỉ phải bắt đầu bằng https:// và có tên miền, ví dụ: https://dichvucong.gov.vn";
  if (f.buttonKind === "lesson" && !f.lessonId) e.lessonId = "Hãy chọn một bài học.";
  const budget = Number(f.budget.trim() || "0");
  if (f.allowPaid && (!Number.isInteger(budget) || budget < 0 || budget > 1_000_000_000)) e.budget = "Ngân sách là số đồng, từ 0 đến 1.000.000.000.";
  if (Object.keys(e).length) return { errors: e, draft: null };
  const buttons: CampaignDraft["buttons"] =
    f.buttonKind === "link" ? [{ title: buttonTitle, url: f.url.trim() }] : f.buttonKind === "lesson" ? [{ title: buttonTitle, lessonId: f.lessonId }] : [];
  return {
    errors: e,
    draft: { title, text, buttons, areaCode, communes: areaCode.length === 2 ? f.communes.map((c) => c.code) : [], topics: f.topics, allowPaid: f.allowPaid, budgetVnd: f.allowPaid ? budget : 0, usePromotion: f.usePromotion },
  };
}

const FIELD_ORDER: Field[] = ["title", "text", "area", "otherArea", "topics", "buttonTitle", "url", "lessonId", "budget"];

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={id} className="field__error">
      {error}
    </p>
  ) : null;
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field__hint">
      {children}
    </p>
  );
}

/** Describes an input by its hint and, when there is one, its error. */
const described = (name: Field, errors: Errors, hint?: string) => ({
  "aria-invalid": errors[name] ? true : undefined,
  "aria-describedby": [hint, errors[name] ? `${name}-error` : null].filter(Boolean).join(" ") || undefined,
});

export default function AdminComposePage() {
  const navigate = useNavigate();
  const roles = useAppState((s) => s.adminRoles);
  const areas = useMemo(() => areaOptions(roles), [roles]);
  const [form, setForm] = useState<Form>(() => (unsaved ? { ...unsaved, communes: unsaved.communes ?? [] } : blank(areas[0]?.value ?? "")));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<"preview" | "save" | null>(null);
  const [preview, setPreview] = useState<OaMessage[] | null>(null);
  const [promotionPreview, setPromotionPreview] = useState<OaMessage | null>(null);
  const previewRef = useRef<HTMLElement>(null);

  const [rolesLoaded, setRolesLoaded] = useState(roles.length > 0);
  useEffect(() => {
    // Opened directly (after a reload): the roles come with the sign-in.
    if (roles.length === 0) loadAdminRoles().then(() => setRolesLoaded(true), (e) => setFailure(errorText(e)));
  }, []);
  useEffect(() => {
    if (areas[0] && !areas.some((a) => a.value === form.area)) setForm((f) => ({ ...f, area: areas[0]!.value }));
  }, [areas]);
  useEffect(() => {
    unsaved = form;
  }, [form]);
  useEffect(() => {
    if (preview) previewRef.current?.scrollIntoView?.({ behavior: "smooth", block: "start" });
  }, [preview]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    // Communes belong to the area they were picked in.
    setForm((f) => ({ ...f, [key]: value, ...(key === "area" ? { communes: [] } : {}) }));
    setPreview(null);
    if (key in errors) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const check = (): CampaignDraft | null => {
    const { errors: e, draft } = validate(form);
    setErrors(e);
    setFailure(null);
    const first = FIELD_ORDER.find((k) => e[k]);
    if (first) {
      const el = document.getElementById(first === "topics" ? `topic-${form.topics[0] ?? TOPICS[0]!.id}` : `f-${first}`);
      el?.focus();
      el?.scrollIntoView?.({ block: "center" });
    }
    return draft;
  };

  const doPreview = async () => {
    const draft = check();
    if (!draft) return;
    setBusy("preview");
    try {
      const p = await adminApi.preview(draft);
      setPromotionPreview(draft.usePromotion ? p.promotion : null);
      setPreview(p.messages);
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const doSave = async () => {
    const draft = check();
    if (!draft) return;
    setBusy("save");
    try {
      const { id } = await adminApi.create(draft);
      unsaved = null;
      navigate(`/admin/campaign/${id}`, { replace: true });
    } catch (e) {
      setFailure(errorText(e));
      setBusy(null);
    }
  };

  const length = totalLength(form);
  const tooLong = length > MAX_TEXT_CHARS;
  const area = areas.find((a) => a.value === form.area);

  return (
    <Page className="page admin">
      <AppHeader title="Soạn tin gửi" back="/admin" />
      <NetworkBanner />
      <main className="content">
        <form
          className="admin-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void doPreview();
          }}
        >
          <section className="card" aria-labelledby="content-title">
            <h2 id="content-title" className="card__title">
              Nội dung
            </h2>
            <div className="field">
              <label className="field__label" htmlFor="f-title">
                Tiêu đề
              </label>
              <input
                id="f-title"
                className="field__input"
                type="text"
                value={form.title}
                maxLength={MAX_TITLE_CHARS + 20}
                autoComplete="off"
                onChange={(e) => set("title", e.target.value)}
                {...described("title", errors, "title-hint")}
              />
              <Hint id="title-hint">Dòng đầu của tin, tối đa {MAX_TITLE_CHARS} ký tự.</Hint>
              <FieldError id="title-error" error={errors.title} />
            </div>
            <div className="field">
              <label className="field__label" htmlFor="f-text">
                Nội dung tin
              </label>
              <textarea id="f-text" className="field__input field__textarea" rows={7} value={form.text} onChange={(e) => set("text", e.target.value)} {...described("text", errors, "text-count")} />
              <p id="text-count" className={`field__counter${tooLong ? " is-over" : ""}`}>
                {num(length)}/{num(MAX_TEXT_CHARS)} ký tự (gồm cả tiêu đề){tooLong ? ` — thừa ${num(length - MAX_TEXT_CHARS)} ký tự` : ""}
              </p>
              <FieldError id="text-error" error={errors.text} />
            </div>
          </section>

          <section className="card" aria-labelledby="audience-title">
            <h2 id="audience-title" className="card__title">
              Người nhận
            </h2>
            <div className="field">
              <label className="field__label" htmlFor="f-area">
                Khu vực
              </label>
              <select id="f-area" className="field__input" value={form.area} onChange={(e) => set("area", e.target.value)} {...described("area", errors, "area-hint")}>
                {areas.length === 0 ? <option value="">{rolesLoaded ? "Bạn chưa được giao khu vực nào" : "Đang tải khu vực…"}</option> : null}
                {areas.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </select>
              <Hint id="area-hint">
                {area?.province
                  ? `Gửi mọi người quan tâm ở ${area.label.replace(/ \(cả tỉnh\/thành\)$/, "")}. Tin gửi cả tỉnh/thành cần một cán bộ khác phê duyệt rồi mới được gửi.`
                  : area && form.area !== OTHER_AREA
                    ? `Gửi những người đã chọn ${area.label} khi đăng ký nhận tin.`
                    : "Chỉ người đã chọn khu vực này khi đăng ký nhận tin mới nhận được."}
              </Hint>
              <FieldError id="area-error" error={errors.area} />
            </div>
            {area?.province ? <CommunePicker provinceCode={form.area} value={form.communes} onChange={(next) => set("communes", next)} /> : null}
            {form.area === OTHER_AREA ? (
              <div className="field">
                <label className="field__label" htmlFor="f-otherArea">
                  Mã khu vực
                </label>
                <input
                  id="f-otherArea"
                  className="field__input"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={form.otherArea}
                  onChange={(e) => set("otherArea", e.target.value)}
                  {...described("otherArea", errors, "otherArea-hint")}
                />
                <Hint id="otherArea-hint">2 chữ số cho tỉnh/thành (ví dụ 01), 5 chữ số cho xã/phường (ví dụ 00004).</Hint>
                <FieldError id="otherArea-error" error={errors.otherArea} />
              </div>
            ) : null}

            <fieldset className="field fieldset" aria-describedby={errors.topics ? "topics-hint topics-error" : "topics-hint"}>
              <legend className="field__label">Chủ đề</legend>
              <Hint id="topics-hint">Chỉ người đã đăng ký ít nhất một chủ đề được chọn mới nhận tin.</Hint>
              <div className="check-list">
                {TOPICS.map((t) => {
                  const checked = form.topics.includes(t.id);
                  return (
                    <label key={t.id} className={`check${checked ? " is-checked" : ""}`} htmlFor={`topic-${t.id}`}>
                      <input
                        id={`topic-${t.id}`}
                        type="checkbox"
                        checked={checked}
                        onChange={() => set("topics", checked ? form.topics.filter((x) => x !== t.id) : [...form.topics, t.id])}
                      />
                      <span>{t.title}</span>
                    </label>
                  );
                })}
              </div>
              <FieldError id="topics-error" error={errors.topics} />
            </fieldset>
          </section>

          <section className="card" aria-labelledby="button-title">
            <h2 id="button-title" className="card__title">
              Nút bấm kèm tin
            </h2>
            <fieldset className="field fieldset">
              <legend className="field__label">Loại nút (không bắt buộc)</legend>
              <div className="check-list">
                {(
                  [
                    ["none", "Không có nút"],
                    ["link", "Mở một trang web (https)"],
                    ["lesson", "Mở một bài học"],
                  ] as const
                ).map(([kind, label]) => (
                  <label key={kind} className={`check${form.buttonKind === kind ? " is-checked" : ""}`} htmlFor={`button-${kind}`}>
                    <input
                      id={`button-${kind}`}
                      type="radio"
                      name="button-kind"
                      checked={form.buttonKind === kind}
                      onChange={() => {
                        set("buttonKind", kind);
                        if (kind !== "none" && !form.buttonTitle.trim()) set("buttonTitle", kind === "lesson" ? "Xem bài học" : "Xem chi tiết");
                      }}
                    />
                    <span>{label}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            {form.buttonKind === "lesson" ? (
              <div className="field">
                <label className="field__label" htmlFor="f-lessonId">
                  Bài học
                </label>
                <select id="f-lessonId" className="field__input" value={form.lessonId} onChange={(e) => set("lessonId", e.target.value)} {...described("lessonId", errors)}>
                  <option value="">— Chọn bài học —</option>
                  {skills.map((s) => (
                    <optgroup key={s.id} label={s.short}>
                      {s.lessons.map((l) => (
                        <option key={l.id} value={l.id}>
                          {l.title}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
                {form.lessonId ? (
                  <p className="field__hint">Nút mở bài “{skills.flatMap((s) => s.lessons).find((l) => l.id === form.lessonId)?.title}” trong ứng dụng.</p>
                ) : null}
                <FieldError id="lessonId-error" error={errors.lessonId} />
              </div>
            ) : null}
            {form.buttonKind === "link" ? (
              <div className="field">
                <label className="field__label" htmlFor="f-url">
                  Địa chỉ trang web
                </label>
                <input
                  id="f-url"
                  className="field__input"
                  type="url"
                  inputMode="url"
                  autoComplete="off"
                  placeholder="https://"
                  value={form.url}
                  onChange={(e) => set("url", e.target.value)}
                  {...described("url", errors, "url-hint")}
                />
                <Hint id="url-hint">Chỉ nhận địa chỉ bắt đầu bằng https://</Hint>
                <FieldError id="url-error" error={errors.url} />
              </div>
            ) : null}
            {form.buttonKind !== "none" ? (
              <div className="field">
                <label className="field__label" htmlFor="f-buttonTitle">
                  Chữ trên nút
                </label>
                <input
                  id="f-buttonTitle"
                  className="field__input"
                  type="text"
                  autoComplete="off"
                  value={form.buttonTitle}
                  onChange={(e) => set("buttonTitle", e.target.value)}
                  {...described("buttonTitle", errors, "buttonTitle-hint")}
                />
                <Hint id="buttonTitle-hint">
                  Tối đa {MAX_BUTTON_TITLE_CHARS} ký tự ({form.buttonTitle.trim().length}/{MAX_BUTTON_TITLE_CHARS}).
                </Hint>
                <FieldError id="buttonTitle-error" error={errors.buttonTitle} />
              </div>
            ) : null}
          </section>

          <section className="card" aria-labelledby="cost-title">
            <h2 id="cost-title" className="card__title">
              Chi phí (không bắt buộc)
            </h2>
            <p className="field__hint">Người đã nhắn OA trong 48 giờ qua nhận tin miễn phí. Người khác chỉ nhận khi bạn chọn dưới đây; nếu không, tin chờ sẵn và đến khi họ nhắn OA.</p>
            <div className="check-list">
              <label className={`check${form.allowPaid ? " is-checked" : ""}`} htmlFor="f-allowPaid">
                <input id="f-allowPaid" type="checkbox" checked={form.allowPaid} onChange={(e) => set("allowPaid", e.target.checked)} />
                <span>Cho phép tin có phí (người nhắn OA từ 2 đến 7 ngày trước)</span>
              </label>
            </div>
            {form.allowPaid ? (
              <div className="field">
                <label className="field__label" htmlFor="f-budget">
                  Ngân sách tối đa (đồng)
                </label>
                <input
                  id="f-budget"
                  className="field__input"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={form.budget}
                  onChange={(e) => set("budget", e.target.value.replace(/[^\d]/g, ""))}
                  {...described("budget", errors)}
                />
                <FieldError id="budget-error" error={errors.budget} />
              </div>
            ) : null}
            <div className="check-list">
              <label className={`check${form.usePromotion ? " is-checked" : ""}`} htmlFor="f-usePromotion">
                <input id="f-usePromotion" type="checkbox" checked={form.usePromotion} onChange={(e) => set("usePromotion", e.target.checked)} />
                <span>Dùng tin truyền thông có phí cho những người còn lại (khi OA được Zalo cho phép; không gửi từ 22 giờ đến 6 giờ)</span>
              </label>
            </div>
          </section>

          <ErrorBox message={failure ?? (Object.values(errors).some(Boolean) ? "Hãy sửa các mục được đánh dấu đỏ ở trên." : null)} />

          {preview ? (
            <section ref={previewRef} className="preview-section" aria-labelledby="preview-title">
              <h2 id="preview-title" className="section-title">
                Xem trước
              </h2>
              <p className="admin-hint">Người nhận sẽ thấy đúng như sau trên Zalo:</p>
              <ChatPreview messages={preview} />
              {promotionPreview ? <ChatPreview messages={[promotionPreview]} title="Tin truyền thông, xem trước trên Zalo" /> : null}
            </section>
          ) : null}
        </form>
      </main>
      <footer className="pager">
        <Button variant="secondary" loading={busy === "preview"} disabled={busy !== null} onClick={() => void doPreview()}>
          Xem trước
        </Button>
        <Button loading={busy === "save"} disabled={busy !== null} onClick={() => void doSave()}>
          Lưu nháp
        </Button>
      </footer>
    </Page>
  );
}
