import type { FaqEntry } from "../../../../shared/schemas/content.js";
import type { AreaFaqDraft, AreaFaqEntryView } from "../../../../shared/schemas/questions.js";
import { FAQ_ANSWER_WORDS, LEGAL_NUMBER } from "../../../../shared/lib/content-rules.js";
import { countWords } from "../../../../shared/lib/text.js";
import { badRequest } from "../../lib/errors.js";
import type { AreaFaqRow } from "../../repositories/area-faq.js";
import type { Areas } from "../areas.js";
import type { CourseCatalog } from "../course-catalog.js";
import { answererName } from "./question-view.js";

export const areaName = (areas: Areas, code: string) => (code === "" ? "Toàn quốc" : answererName(areas, code));

const invalid = (message: string) => badRequest("invalid_faq_entry", message);

/**
 * The shipped Hỏi đáp's rules (content-rules.ts, checkFaq) for an entry an official writes, each refusal naming the
 * field in Vietnamese: a short answer, no legal-text numbers for residents, no HTML or template variables, a lesson
 * of the course when one is named, no spelling of the question given twice.
 */
export function checkAreaFaq(d: AreaFaqDraft, catalog: CourseCatalog): void {
  const fields: [string, string][] = [
    ["Câu hỏi", d.question],
    ["Câu trả lời", d.answer],
    ...d.variants.map((v, i): [string, string] => [`Cách hỏi khác ${i + 1}`, v]),
  ];
  for (const [name, text] of fields) {
    const legal = text.match(LEGAL_NUMBER);
    if (legal) throw invalid(`${name}: không ghi số hiệu văn bản (“${legal[0]}”) cho người dân; hãy nói quy định bằng lời thường.`);
    if (/<\/?[a-z!]/i.test(text) || /\]\(/.test(text)) throw invalid(`${name}: không dùng thẻ HTML hay liên kết kiểu Markdown.`);
    if (/\{\{|\}\}/.test(text)) throw invalid(`${name}: không dùng dấu {{ }}.`);
  }
  const words = countWords(d.answer);
  if (words > FAQ_ANSWER_WORDS) throw invalid(`Câu trả lời: ${words} từ, tối đa ${FAQ_ANSWER_WORDS} từ — người dân đọc trên điện thoại.`);
  if (d.lesson !== null && !catalog.lesson(d.lesson)) throw invalid(`Bài học “${d.lesson}” không có trong khóa học.`);
  const seen = new Set<string>();
  for (const [name, text] of fields.filter(([n]) => n !== "Câu trả lời")) {
    const key = text.toLocaleLowerCase("vi");
    if (seen.has(key)) throw invalid(`${name}: trùng với một cách hỏi đã có.`);
    seen.add(key);
  }
}

/** An area's entry as the chatbot uses it: the answer signed with the area that wrote it. */
export function toFaqEntry(areas: Areas, r: AreaFaqRow): FaqEntry {
  const by = areaName(areas, r.promoted_from ?? r.area_code);
  return { id: r.id, question: r.question, variants: JSON.parse(r.variants) as string[], answer: `${r.answer}\n\n(${by} trả lời)`, lesson: r.lesson ?? "" };
}

export function entryView(areas: Areas, r: AreaFaqRow): AreaFaqEntryView {
  return {
    id: r.id,
    areaCode: r.area_code,
    areaName: areaName(areas, r.area_code),
    question: r.question,
    variants: JSON.parse(r.variants) as string[],
    answer: r.answer,
    lesson: r.lesson,
    status: r.status,
    sourceQuestionId: r.source_question_id === null ? null : Number(r.source_question_id),
    promotedFrom: r.promoted_from,
    updatedAt: r.updated_at,
  };
}
