/**
 * Scripts for the commune loudspeaker (truyền thanh cơ sở): written for listening. Short sentences, the key steps
 * said twice, no links (a listener cannot tap one): where a text points to a web page, the script says to ask the
 * tổ công nghệ số instead.
 */

/** The three classes of news a commune loudspeaker carries. */
export const BULLETIN_CLASSES = { thuong: "Thông tin thường", uu_tien: "Thông tin ưu tiên", khan_cap: "Thông tin khẩn cấp" } as const;
export type BulletinClass = keyof typeof BULLETIN_CLASSES;

/** A length as the loudspeaker's operator reads it: "1 phút 19 giây" (whole seconds, never "60 giây"). */
export function durationText(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)} phút ${s % 60} giây`;
}

export const ASK_THE_TEAM = "Bà con cần giúp, hãy hỏi tổ công nghệ số cộng đồng ở thôn, tổ dân phố mình.";
/** The longest a sentence may be for a listener to follow it. */
export const MAX_SENTENCE_WORDS = 30;
export const MAX_SCRIPT_WORDS = 700;

const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;
const HAS_LINK = /\b(?:https?:\/\/|www\.)\S+/iu;
const ORDINALS = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám"];
/** "Tin thứ nhất", "thứ tư": the ordinals differ from the numbers for one and four. */
const NTH = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám"];

/** Text as a listener hears it: no markup, no links, one sentence a line. */
export function forListening(text: string): string {
  return (
    text
      .normalize("NFC")
      .replace(/\*\*/g, "")
      .replace(LINK, "")
      .replace(/\s*\n+\s*/g, " ")
      // " ." left where a link was; not the dot of ".gov.vn".
      .replace(/\s+([.,;:!?])(?=\s|$)/g, "$1")
      .replace(/\s{2,}/g, " ")
      .trim()
  );
}

const sentence = (s: string) => {
  const t = forListening(s);
  return /[.!?…]$/.test(t) ? t : `${t}.`;
};

function sentences(text: string): string[] {
  return forListening(text)
    .split(/(?<=[.!?…])\s+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A lesson as a bulletin: what it is about, its key steps, and the key steps again. */
export function lessonScript(area: string, lesson: { title: string; summary: string; keySteps: string[] }): string {
  const steps = lesson.keySteps.map((k, i) => `Bước ${ORDINALS[i] ?? i + 1}: ${sentence(k)}`);
  return [
    `${area} xin thông báo. Hướng dẫn bà con: ${sentence(lesson.title)}`,
    ...sentences(lesson.summary),
    ...steps,
    "Xin nhắc lại các bước.",
    ...steps,
    ASK_THE_TEAM,
  ].join("\n");
}

/** A campaign's news as a bulletin: its title and text for listening, and where to ask. */
export function newsScript(area: string, news: { title: string; text: string }): string {
  return [`${area} xin thông báo. ${sentence(news.title)}`, ...sentences(news.text), ASK_THE_TEAM].join("\n");
}

/** A week's bulletin: each piece of news of the week, then the lesson of the week. */
export function weekScript(
  area: string,
  news: { title: string; text: string }[],
  lesson: { title: string; summary: string; keySteps: string[] } | null,
): string {
  const parts = [`Bản tin chuyển đổi số tuần này của ${area}.`];
  news.forEach((n, i) => parts.push(`Tin thứ ${NTH[i] ?? i + 1}: ${sentence(n.title)}`, ...sentences(n.text)));
  if (lesson) {
    parts.push(`Bài học của tuần: ${sentence(lesson.title)}`);
    lesson.keySteps.forEach((k, i) => parts.push(`Bước ${ORDINALS[i] ?? i + 1}: ${sentence(k)}`));
  }
  parts.push(ASK_THE_TEAM);
  return parts.join("\n");
}

/** What is wrong with a script for the loudspeaker, in Vietnamese; empty when nothing is. */
export function scriptProblems(script: string): string[] {
  const out: string[] = [];
  if (HAS_LINK.test(script)) out.push("Bản tin đọc trên loa không được có đường link: hãy ghi số điện thoại, hoặc “hỏi tổ công nghệ số”.");
  const words = script.split(/\s+/).filter(Boolean).length;
  if (words > MAX_SCRIPT_WORDS) out.push(`Bản tin có ${words} từ, tối đa ${MAX_SCRIPT_WORDS} từ (khoảng năm phút đọc).`);
  const long = sentences(script).find((s) => s.split(/\s+/).length > MAX_SENTENCE_WORDS);
  if (long) out.push(`Câu quá dài cho người nghe (hơn ${MAX_SENTENCE_WORDS} từ): “${long.slice(0, 80)}…”. Hãy tách thành câu ngắn.`);
  return out;
}
