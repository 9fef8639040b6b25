import type { Topic } from "../../../../shared/lib/topics.js";
import type { OaMessage } from "../../../../shared/schemas/oa.js";
import type { Areas } from "../areas.js";
import { hide, MENU, withButtons } from "./messages.js";
import { CONSENT_TEXT, T } from "./texts.js";

export function consentMessage(): OaMessage {
  return withButtons(CONSENT_TEXT, [hide("Đồng ý", MENU.consentYes), hide("Không đồng ý", MENU.consentNo)]);
}

export function topicsMessage(topics: Topic[]): OaMessage {
  const list = topics.map((t, i) => `${i + 1}. ${t.title}`).join("\n");
  return withButtons(`${T.topicsPrompt}\n\n${list}`, [hide("Tất cả chủ đề", MENU.allTopics), hide("Hủy nhận tin", MENU.unsubscribe)]);
}

/** "1 3 7", "1,3", "tất cả" → topic ids; null when it does not read as a choice. */
export function parseTopics(folded: string, topics: Topic[]): string[] | null {
  if (folded === MENU.allTopics || /^(tat ca|all|het)$/.test(folded)) return topics.map((t) => t.id);
  const nums = folded.split(/[\s,;.]+/).filter(Boolean);
  if (nums.length === 0 || nums.some((n) => !/^\d{1,2}$/.test(n))) return null;
  const picked = [...new Set(nums.map(Number))];
  if (picked.some((n) => n < 1 || n > topics.length)) return null;
  return picked.sort((a, b) => a - b).map((n) => topics[n - 1]!.id);
}

export interface CommuneChoices {
  message: OaMessage;
  codes: string[];
}

/** Communes to pick from: a numbered list and one #xa:<code> button each (the dialogue's commune step takes them). */
export function communeChoiceMessage(intro: string, items: { code: string; name: string; line: string }[], outro = ""): CommuneChoices {
  const list = items.map((c, i) => `${i + 1}. ${c.line}`).join("\n");
  return {
    message: withButtons(
      `${intro}\n${list}${outro ? `\n\n${outro}` : ""}`,
      items.map((c, i) => hide(`${i + 1}. ${c.name}`.slice(0, 100), `#xa:${c.code}`)),
    ),
    codes: items.map((c) => c.code),
  };
}

export function communeChoices(areas: Areas, query: string): CommuneChoices | null {
  const found = areas.searchCommunes(query, { limit: 5 });
  if (found.length === 0) return null;
  return communeChoiceMessage(
    T.communeChoose,
    found.map((c) => ({ code: c.code, name: c.name, line: c.fullName })),
  );
}
