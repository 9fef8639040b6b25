import { hasIdNumber } from "./id-numbers.js";
import { isPlainName } from "./unsafe-text.js";

/** Rules of the teams' records, zod-free: the server's schemas and services and the mini app's forms use them. */

export const TEAM_NAME_MIN = 2;
export const TEAM_NAME_MAX = 80;
export const HOUSEHOLD_MAX = 120;

export const HOUSEHOLD_ID_MESSAGE = "Không ghi số căn cước, số điện thoại hay dãy số dài.";
export const HOUSEHOLD_HIDDEN_MESSAGE = "Địa chỉ hộ có ký tự ẩn hoặc ký tự điều khiển. Hãy gõ lại.";

/** A household label as it is stored: trimmed, each run of spaces made one. */
export function householdLabel(s: string): string {
  return s.trim().replace(/\s+/g, " ");
}

export type HouseholdProblem = "missing" | "too_long" | "hidden_characters" | "id_number";

/**
 * Why a household label cannot be recorded, or null. A label names a house ("Nhà bác Tư, xóm 3"), never a
 * person's phone or ID number; it is judged as it will be stored.
 */
export function householdProblem(text: string): HouseholdProblem | null {
  const label = householdLabel(text);
  if (!label) return "missing";
  if (label.length > HOUSEHOLD_MAX) return "too_long";
  if (!isPlainName(label)) return "hidden_characters";
  if (hasIdNumber(label)) return "id_number";
  return null;
}

export const PERSON_NAME_MAX = 60;

/** Why a household member's name cannot be recorded, or null: letters, spaces and a few marks only, so never a number. */
export function personNameProblem(text: string): "missing" | "too_long" | "not_a_name" | null {
  const name = householdLabel(text);
  if (name.length < 2) return "missing";
  if (name.length > PERSON_NAME_MAX) return "too_long";
  if (!/^[\p{L}\p{M} .'-]+$/u.test(name)) return "not_a_name";
  return null;
}
