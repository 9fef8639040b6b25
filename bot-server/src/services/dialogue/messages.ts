import type { OaButton, OaMessage } from "../../../../shared/schemas/oa.js";

export const MENU = {
  learn: "#hoc",
  news: "#tin-moi",
  faq: "#hoi-dap",
  quiz: "#kiem-tra",
  subscribe: "#nhan-tin",
  menu: "#menu",
  consentYes: "#dong-y",
  consentNo: "#khong-dong-y",
  allTopics: "#chu-de:tat-ca",
  unsubscribe: "#huy",
} as const;

export const hide = (title: string, payload: string): OaButton => ({ type: "oa.query.hide", title, payload });
export const url = (title: string, href: string): OaButton => ({ type: "oa.open.url", title, payload: { url: href } });

/** Text with up to five buttons (Zalo's limit), as a template attachment. */
export function withButtons(text: string, buttons: OaButton[]): OaMessage {
  if (buttons.length === 0) return { text };
  return { text, attachment: { type: "template", payload: { buttons: buttons.slice(0, 5) } } };
}

export function menuMessage(text: string, learnUrl: string): OaMessage {
  return withButtons(text, [
    url("Học kỹ năng số", learnUrl),
    hide("Tin mới", MENU.news),
    hide("Hỏi đáp", MENU.faq),
    hide("Kiểm tra nhanh", MENU.quiz),
    hide("Nhận tin / Hủy tin", MENU.subscribe),
  ]);
}
