import type { OaMessage } from "../schemas/oa.js";

/** What the text of a campaign message begins with (the sandbox's tally and tests find a campaign's messages by it). */
export function messageText(m: OaMessage): string | undefined {
  if (typeof m.text === "string") return m.text;
  const header = m.attachment?.payload.elements?.find((e) => e.type === "header");
  const body = m.attachment?.payload.elements?.find((e) => e.type === "text");
  return header && typeof header.content === "string" ? `${header.content}\n\n${typeof body?.content === "string" ? body.content : ""}` : undefined;
}
