import { useEffect, useMemo, useRef, useState } from "react";
import { Button, Page, useNavigate } from "zmp-ui";
import type { CampaignDraft } from "../../../../shared/schemas/campaign";
import type { OaMessage } from "../../../../shared/schemas/oa";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { TOPICS } from "../../admin/format";
import "../../admin/admin.css";
import { AppHeader } from "../../components/app-header";
import { NetworkBanner } from "../../components/network-banner";
import { useLoad } from "../../lib/use-load";
import { loadAdminRoles } from "../../state/actions";
import { useAppState } from "../../state/store";
import { AudienceCard } from "./audience-card";
import { ButtonCard } from "./button-card";
import { ContentCard } from "./content-card";
import { CostCard } from "./cost-card";
import { areaOptions, blank, type Errors, type Form, type FormPart } from "./form";
import { PreviewSection } from "./preview-section";
import { FIELD_ORDER, validate } from "./validate";

/** What the official typed is kept while they look elsewhere, until it is saved. */
let unsaved: Form | null = null;

/** Soạn tin gửi: compose a campaign, check it as the server will, preview it as Zalo shows it, save the draft. */
export default function AdminComposePage() {
  const navigate = useNavigate();
  const roles = useAppState((s) => s.adminRoles);
  const areas = useMemo(() => areaOptions(roles), [roles]);
  const [form, setForm] = useState<Form>(() => (unsaved ? { ...unsaved, communes: unsaved.communes ?? [] } : blank(areas[0]?.value ?? "")));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<"preview" | "save" | null>(null);
  const [preview, setPreview] = useState<{ messages: OaMessage[]; promotion: OaMessage | null } | null>(null);
  const previewRef = useRef<HTMLElement>(null);

  // Opened directly (after a reload): the roles come with the sign-in. A failure is said like any other.
  const asked = useLoad(
    roles.length === 0
      ? () =>
          loadAdminRoles().catch((e: unknown) => {
            setFailure(adminErrorText(e));
            return null;
          })
      : null,
    [],
  );
  const rolesLoaded = roles.length > 0 || !!asked.data;
  useEffect(() => {
    if (areas[0] && !areas.some((a) => a.value === form.area)) setForm((f) => ({ ...f, area: areas[0]!.value }));
  }, [areas, form.area]);
  useEffect(() => {
    unsaved = form;
  }, [form]);
  useEffect(() => {
    if (preview) previewRef.current?.scrollIntoView?.({ behavior: "smooth", block: "start" });
  }, [preview]);

  const set: FormPart["set"] = (key, value) => {
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
      setPreview({ messages: p.messages, promotion: draft.usePromotion ? p.promotion : null });
    } catch (e) {
      setFailure(adminErrorText(e));
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
      setFailure(adminErrorText(e));
      setBusy(null);
    }
  };

  const part: FormPart = { form, errors, set };
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
          <ContentCard {...part} />
          <AudienceCard {...part} areas={areas} rolesLoaded={rolesLoaded} />
          <ButtonCard {...part} />
          <CostCard {...part} />
          <ErrorBox message={failure ?? (Object.values(errors).some(Boolean) ? "Hãy sửa các mục được đánh dấu đỏ ở trên." : null)} />
          {preview ? <PreviewSection ref={previewRef} messages={preview.messages} promotion={preview.promotion} /> : null}
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
