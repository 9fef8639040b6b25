import { doReadNumber, ReadingConfig } from "read-vietnamese-number";
import type { Pronunciation } from "../schemas/content.js";

const config = new ReadingConfig();
// The library ends every number with "đơn vị" (unit) unless told otherwise.
config.unit = [];

const DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/** A whole number as words: "2025" → "hai nghìn không trăm hai mươi lăm". */
export function numberWords(digits: string): string {
  return doReadNumber(digits.replace(/^0+(?=\d)/, ""), config).trim();
}

/** A code or a phone number digit by digit: "156" → "một năm sáu". */
export const digitWords = (digits: string) => [...digits].map((d) => DIGITS[Number(d)]).join(" ");

/** Words after which a number is an amount, an age or a time ("500 nghìn", "67 tuổi"), read as a number. */
const UNITS = new Set(
  "đồng nghìn ngàn triệu tỷ tuổi ngày tháng năm giờ tiếng phút giây lần người số chữ ký tự mét km bước trang hộ xã tỉnh phường bài câu điểm lượt tin tấm".split(
    " ",
  ),
);
const UNIT_AFTER = new RegExp(`^\\s*(${[...UNITS].join("|")})(?![\\p{L}])`, "u");

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const word = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(s)}(?![\\p{L}\\p{N}])`, "gu");

/**
 * What the machine voice reads for a piece of lesson text: no markup; web addresses part by part ("chấm");
 * abbreviations and foreign words as the pronunciation list says; dates, percentages and amounts in words; codes
 * and phone numbers (three digits or more, no unit after) digit by digit.
 */
export function speechText(text: string, pronunciation: Pronunciation[]): string {
  let t = text.normalize("NFC").replace(/\*\*/g, "");
  const spoken = new Map(pronunciation.map((p) => [p.written, p.spoken]));
  // An ending alone: "đuôi .gov.vn" → "đuôi chấm gốp chấm vê en".
  t = t.replace(/(?<![\p{L}\p{N}])\.([a-z]{2,}(?:\.[a-z]{2,})*)(?![\p{L}\p{N}])/gu, (_m, end: string) =>
    end
      .split(".")
      .map((p) => `chấm ${spoken.get(p) ?? p}`)
      .join(" "),
  );
  // Web addresses: "dichvucong.gov.vn" → "dichvucong chấm gốp chấm vê en".
  t = t.replace(/(?<![\p{L}\p{N}@.])(?:https?:\/\/)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?:\/\S*)?/giu, (_m, host: string) =>
    host
      .split(".")
      .map((p) => spoken.get(p) ?? p)
      .join(" chấm "),
  );
  // Longest first: "CH Play" before "CH", "VietQR" before "QR".
  for (const p of [...pronunciation].sort((a, b) => b.written.length - a.written.length)) t = t.replace(word(p.written), p.spoken);
  t = t.replace(
    /(?<!\d)(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/g,
    (_m, d: string, m: string, y: string) => `ngày ${numberWords(d)} tháng ${numberWords(m)} năm ${numberWords(y)}`,
  );
  t = t.replace(/(\d+(?:[.,]\d+)?)\s*%/g, (_m, n: string) => `${decimalWords(n)} phần trăm`);
  // Thousands written with dots: "100.000 đồng".
  t = t.replace(/(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d.])/g, (m) => numberWords(m.replace(/\./g, "")));
  t = t.replace(/(?<![\d])(\d+),(\d+)(?![\d])/g, (_m, a: string, b: string) => `${numberWords(a)} phẩy ${digitWords(b)}`);
  t = t.replace(/\d+/g, (m, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 6), offset);
    if (m.length < 3 || UNIT_AFTER.test(whole.slice(offset + m.length)) || /năm\s*$/u.test(before)) return numberWords(m);
    return digitWords(m);
  });
  return t.replace(/[→•]/g, ", ").replace(/\s+/g, " ").trim();
}

function decimalWords(n: string): string {
  const [a, b] = n.split(/[.,]/);
  return b ? `${numberWords(a!)} phẩy ${digitWords(b)}` : numberWords(a!);
}

/** One lesson step as it is read aloud: its title, its text, then its "Lưu ý" box. */
export function stepSpeech(step: { title: string; text: string; note?: string | undefined }, pronunciation: Pronunciation[]): string {
  const sentence = (s: string) => (/[.!?…:]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
  const parts = [sentence(step.title), sentence(step.text), ...(step.note ? [sentence(`Lưu ý: ${step.note}`)] : [])];
  return speechText(parts.join(" "), pronunciation);
}
