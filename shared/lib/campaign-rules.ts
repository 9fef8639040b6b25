import { MAX_TEXT_CHARS } from "../constants/zalo.js";

/** A campaign draft's rules, zod-free: the draft schema, the campaign services and the mini app's screens use them. */

export const MAX_TITLE_CHARS = 100;
export const MAX_BUTTON_TITLE_CHARS = 20;
export const MAX_BUDGET_VND = 1_000_000_000;

/** Characters of a campaign's first message: the title, a blank line, the text. */
export function messageLength(title: string, text: string): number {
  return title.length + 2 + text.length;
}

/** Title and text must go out together as one Zalo text message. */
export function fitsOneMessage(title: string, text: string): boolean {
  return messageLength(title, text) <= MAX_TEXT_CHARS;
}

/** Sent to a whole province: a province's code with no communes picked inside it. */
export function isProvinceWide(c: { areaCode: string; communes: readonly string[] }): boolean {
  return c.areaCode.length === 2 && c.communes.length === 0;
}

/**
 * A campaign over this many communes of a province, or over the whole province, needs a second official's
 * approval: the rule follows how far the news reaches, not how the audience was picked (listing every commune
 * is still the whole province). A commune official only ever reaches one commune.
 */
export const APPROVAL_MIN_COMMUNES = 10;

export function needsSecondApproval(c: { areaCode: string; communes: readonly string[] }): boolean {
  if (c.areaCode.length !== 2) return false;
  return isProvinceWide(c) || new Set(c.communes).size >= APPROVAL_MIN_COMMUNES;
}

/** Commune codes as a draft lists them, or as a set built once to check a large audience against. */
type Communes = readonly string[] | ReadonlySet<string>;

/** Whether a person's place is in the campaign's area: one of the communes picked, else its province or its commune. */
export function inCampaignArea(c: { areaCode: string; communes: Communes }, provinceCode: string | null, communeCode: string | null): boolean {
  const communes = c.communes;
  const picked = "has" in communes ? communes.size > 0 : communes.length > 0;
  if (picked) return communeCode !== null && ("has" in communes ? communes.has(communeCode) : communes.includes(communeCode));
  return c.areaCode.length === 2 ? provinceCode === c.areaCode : communeCode === c.areaCode;
}
