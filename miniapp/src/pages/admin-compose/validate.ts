import type { CampaignDraft } from "../../../../shared/schemas/campaign";
import { AREA_CODE, MARKUP } from "../../../../shared/constants/patterns";
import { MAX_TEXT_CHARS } from "../../../../shared/constants/zalo";
import { fitsOneMessage, MAX_BUDGET_VND, MAX_BUTTON_TITLE_CHARS, MAX_TITLE_CHARS, messageLength } from "../../../../shared/lib/campaign-rules";
import { num } from "../../admin/format";
import { OTHER_AREA, type Errors, type FieldName, type Form } from "./form";

function isHttpsUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "https:" && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(u.hostname);
  } catch {
    return false;
  }
}

/** What the server counts: title, a blank line, text (shown as 0 while both are empty). */
export function totalLength(f: Pick<Form, "title" | "text">): number {
  const [title, text] = [f.title.trim(), f.text.trim()];
  return title || text ? messageLength(title, text) : 0;
}

/** Checks the form as the server will, with the reasons in words; returns the draft when all is well. */
export function validate(f: Form): { errors: Errors; draft: CampaignDraft | null } {
  const e: Errors = {};
  const title = f.title.trim();
  const text = f.text.trim();
  if (!title) e.title = "Hãy nhập tiêu đề.";
  else if (title.length > MAX_TITLE_CHARS) e.title = `Tiêu đề dài tối đa ${MAX_TITLE_CHARS} ký tự.`;
  else if (MARKUP.test(title)) e.title = "Tiêu đề không được chứa dấu < hoặc >.";
  if (!text) e.text = "Hãy nhập nội dung tin.";
  else if (!fitsOneMessage(title, text)) e.text = `Tiêu đề và nội dung cộng lại dài quá ${num(MAX_TEXT_CHARS)} ký tự. Hãy rút gọn.`;
  else if (MARKUP.test(text)) e.text = "Nội dung không được chứa dấu < hoặc >.";
  const areaCode = f.area === OTHER_AREA ? f.otherArea.trim() : f.area;
  if (!f.area) e.area = "Hãy chọn khu vực nhận tin.";
  else if (f.area === OTHER_AREA && !AREA_CODE.test(areaCode)) e.otherArea = "Mã khu vực gồm 2 chữ số (tỉnh/thành) hoặc 5 chữ số (xã/phường).";
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
  if (f.allowPaid && (!Number.isInteger(budget) || budget < 0 || budget > MAX_BUDGET_VND)) e.budget = "Ngân sách là số đồng, từ 0 đến 1.000.000.000.";
  if (Object.keys(e).length) return { errors: e, draft: null };
  const buttons: CampaignDraft["buttons"] =
    f.buttonKind === "link" ? [{ title: buttonTitle, url: f.url.trim() }] : f.buttonKind === "lesson" ? [{ title: buttonTitle, lessonId: f.lessonId }] : [];
  return {
    errors: e,
    draft: {
      title,
      text,
      buttons,
      areaCode,
      communes: areaCode.length === 2 ? f.communes.map((c) => c.code) : [],
      topics: f.topics,
      allowPaid: f.allowPaid,
      budgetVnd: f.allowPaid ? budget : 0,
      usePromotion: f.usePromotion,
    },
  };
}

/** The order of the fields on screen: the first one in error gets the focus. */
export const FIELD_ORDER: FieldName[] = ["title", "text", "area", "otherArea", "topics", "buttonTitle", "url", "lessonId", "budget"];
