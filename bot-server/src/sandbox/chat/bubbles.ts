import { clock, el, safeUrl } from "./dom";
import { enc, type OaMessageRow } from "./sandbox-api";

export const OA_NAME = "Chuyển đổi số quốc gia";

export interface ChatItem {
  who: "oa" | "me";
  text: string;
  buttons?: unknown[];
  time: string;
}

const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" ? (v as Record<string, unknown>) : null);

/** A message of GET /sandbox/messages → what to show: its text (or its elements' titles) and its buttons. */
export function fromOa(m: OaMessageRow): ChatItem {
  const msg = obj(m.message) ?? {};
  const payload = obj(obj(msg.attachment)?.payload) ?? {};
  let text = typeof msg.text === "string" ? msg.text : "";
  if (!text && Array.isArray(payload.elements)) {
    text = payload.elements
      .map((e) => (typeof obj(e)?.title === "string" ? (obj(e)!.title as string) : ""))
      .filter(Boolean)
      .join("\n");
  }
  return { who: "oa", text, buttons: Array.isArray(payload.buttons) ? payload.buttons : [], time: String(m.time ?? "") };
}

/** Zalo's buttons: a query button sends its payload to the OA; links open only when http(s), tel: or sms:. */
function renderButtons(buttons: unknown[], onQuery: (payload: string, title: string) => void): HTMLElement | null {
  const box = el("div", "actions");
  for (const raw of buttons) {
    const b = obj(raw);
    if (!b || typeof b.title !== "string" || !b.title) continue;
    const title = b.title;
    if ((b.type === "oa.query.hide" || b.type === "oa.query.show") && typeof b.payload === "string" && b.payload) {
      const payload = b.payload;
      const btn = el("button", "action", title);
      btn.type = "button";
      // As in Zalo: the OA receives the payload as the user's text; the user's bubble shows the title.
      btn.addEventListener("click", () => onQuery(payload, title));
      box.append(btn);
      continue;
    }
    const payload = obj(b.payload);
    let href: string | null = null;
    let hint = "";
    if (b.type === "oa.open.url") {
      href = safeUrl(payload?.url);
      hint = " (mở trong thẻ mới)";
    } else if (b.type === "oa.open.phone" && typeof payload?.phone_code === "string") {
      const phone = payload.phone_code.replace(/[^0-9+]/g, "");
      href = phone ? `tel:${phone}` : null;
    } else if (b.type === "oa.open.sms" && typeof payload?.phone_code === "string") {
      const phone = payload.phone_code.replace(/[^0-9+]/g, "");
      href = phone ? `sms:${phone}?body=${enc(String(payload.content ?? ""))}` : null;
    }
    if (!href) continue;
    const a = el("a", "action");
    a.href = href;
    if (b.type === "oa.open.url") {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    }
    const label = el("span", "", title);
    if (hint) {
      const icon = el("span", "action__icon", "↗");
      icon.setAttribute("aria-hidden", "true");
      label.append(icon, el("span", "sr-only", hint));
    }
    a.append(label);
    box.append(a);
  }
  return box.childElementCount ? box : null;
}

/** One message as a row of the log; the OA's avatar starts each run of its messages. */
export function renderItem(item: ChatItem, withAvatar: boolean, onQuery: (payload: string, title: string) => void): HTMLElement {
  const row = el("div", `msg msg--${item.who}`);
  if (withAvatar) {
    const av = el("span", "msg__avatar", "CĐS");
    av.setAttribute("aria-hidden", "true");
    row.append(av);
  }
  const bubble = el("div", "bubble");
  bubble.append(el("span", "sr-only", item.who === "oa" ? `${OA_NAME}: ` : "Bạn: "));
  if (item.text) bubble.append(el("p", "bubble__text", item.text));
  const actions = item.buttons && item.buttons.length ? renderButtons(item.buttons, onQuery) : null;
  if (actions) bubble.append(actions);
  row.append(bubble, el("p", "msg__meta", clock(item.time)));
  return row;
}

/** Where one of my messages is: being sent, sent, or not sent (then "Gửi lại" is offered beside it). */
export function setMine(row: HTMLElement, state: "sending" | "sent" | "failed"): void {
  const meta = row.querySelector(".msg__meta");
  row.classList.toggle("msg--failed", state === "failed");
  row.querySelector(".retry")?.remove();
  const time = row.dataset.time ? clock(row.dataset.time) : "";
  const word = state === "sending" ? "Đang gửi…" : state === "failed" ? "Chưa gửi được" : "Đã gửi";
  if (meta) meta.textContent = time ? `${time} · ${word}` : word;
}
