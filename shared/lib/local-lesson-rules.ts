import type { z } from "zod";
import { LOCAL_SKILL } from "../constants/local-lesson.js";
import type { LessonSource } from "../schemas/content.js";
import { localLessonContentSchema, type LocalLessonContent } from "../schemas/local-lesson.js";
import { checkLesson, type LessonContext } from "./content-rules.js";

/** A problem of a local lesson, named where the official wrote it: `path` as the form's field keys ("steps.1.text"). */
export interface LocalLessonProblem {
  path: string;
  field: string;
  message: string;
}

const TOP: Record<string, string> = {
  title: "Tên bài",
  summary: "Tóm tắt",
  minutes: "Số phút học",
  keySteps: "Ý chính",
  steps: "Các bước",
  quiz: "Câu hỏi kiểm tra",
  competences: "Năng lực (khung 757)",
  teacherNotes: "Ghi chú cho tổ",
};
const STEP: Record<string, string> = { title: "Tiêu đề", text: "Nội dung", image: "Ảnh", alt: "Mô tả ảnh", note: "Lưu ý" };
const QUESTION: Record<string, string> = { prompt: "Đề bài", kind: "Loại câu", options: "Các lựa chọn", id: "Mã câu" };
const OPTION: Record<string, string> = { text: "Nội dung", explain: "Giải thích", from: "Người gửi", correct: "Đáp án" };
const NOTES: Record<string, string> = { show: "Cho xem trên máy", mistakes: "Lỗi hay gặp", handsOn: "Bài thực hành", sources: "Nguồn" };

/** "Bước 2 · Nội dung", "Câu hỏi 1 · Lựa chọn 3 · Giải thích": where a path points, as the form labels it. */
export function fieldLabel(path: PropertyKey[]): string {
  const [top, a, b, c, d] = path;
  const n = (x: PropertyKey | undefined) => (typeof x === "number" ? ` ${x + 1}` : "");
  if (top === "steps" && typeof a === "number") return [`Bước ${a + 1}`, b !== undefined ? STEP[String(b)] : null].filter(Boolean).join(" · ");
  if (top === "quiz" && typeof a === "number") {
    const parts = [`Câu hỏi ${a + 1}`];
    if (b === "options" && typeof c === "number") parts.push(`Lựa chọn ${c + 1}`, ...(d !== undefined ? [OPTION[String(d)] ?? String(d)] : []));
    else if (b !== undefined) parts.push(QUESTION[String(b)] ?? String(b));
    return parts.join(" · ");
  }
  if (top === "teacherNotes" && a !== undefined) return `Ghi chú cho tổ · ${NOTES[String(a)] ?? String(a)}${n(b)}`;
  if (top === "keySteps" || top === "competences") return `${TOP[top]}${n(a)}`;
  return TOP[String(top)] ?? String(top ?? "Bài học");
}

function zodMessage(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case "invalid_type":
      return i.input === undefined || i.input === null ? "Chưa điền." : "Giá trị không hợp lệ.";
    case "too_small":
      if (i.origin === "string") return "Chưa điền.";
      if (i.origin === "array") return `Cần ít nhất ${String(i.minimum)}.`;
      return `Ít nhất là ${String(i.minimum)}.`;
    case "too_big":
      if (i.origin === "array") return `Nhiều nhất ${String(i.maximum)}.`;
      if (i.origin === "string") return `Dài quá, tối đa ${String(i.maximum)} ký tự.`;
      return `Nhiều nhất là ${String(i.maximum)}.`;
    case "invalid_format":
      return i.path.includes("image") ? "Ảnh không hợp lệ; hãy tải ảnh lên lại." : "Không đúng dạng.";
    case "invalid_value":
      return "Giá trị không có trong danh sách.";
    case "unrecognized_keys":
      return `Có mục không dùng được: ${i.keys.join(", ")}.`;
    case "custom":
      return i.path.at(-1) === "alt" ? "Bước có ảnh cần lời mô tả ảnh (đọc cho người không xem được ảnh)." : "Giá trị không hợp lệ.";
    default:
      return "Giá trị không hợp lệ.";
  }
}

export type LocalLessonCheck = { content: LocalLessonContent; problems: LocalLessonProblem[] } | { content: null; problems: LocalLessonProblem[] };

/**
 * The shipped content's validator on a lesson an official wrote: its schema, then the rules of content:check (word
 * budgets, quiz consistency, pictures, no legal numbers for residents), each problem in Vietnamese at its field.
 * `images`: the uploaded photos the lesson may use.
 */
export function checkLocalLesson(input: unknown, ctx: Pick<LessonContext, "images" | "vars" | "competenceCodes">): LocalLessonCheck {
  const parsed = localLessonContentSchema.safeParse(input);
  if (!parsed.success) {
    return {
      content: null,
      problems: parsed.error.issues.map((i) => ({ path: i.path.join("."), field: fieldLabel(i.path), message: zodMessage(i) })),
    };
  }
  const content = parsed.data;
  const asShipped: LessonSource = { ...content, id: "dp-local", skill: LOCAL_SKILL, order: 1 };
  const issues = checkLesson(asShipped, { ...ctx, fileName: "01-dp-local", folder: LOCAL_SKILL, skillIds: new Set([LOCAL_SKILL]) });
  return {
    content,
    problems: issues.map((i) => ({ path: i.path.join("."), field: fieldLabel(i.path), message: i.vi ?? i.message })),
  };
}
