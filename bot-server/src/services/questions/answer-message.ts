import type { OaMessage } from "../../../../shared/schemas/oa.js";
import { hide, MENU, withButtons } from "../dialogue/messages.js";

const QUOTED_CHARS = 160;

/** An official's answer as the resident gets it: who answered (the commune or province), their question, the answer. */
export function answerMessage(answeredBy: string, question: string, answer: string): OaMessage {
  const q = question.length > QUOTED_CHARS ? `${question.slice(0, QUOTED_CHARS - 1)}…` : question;
  return withButtons(`${answeredBy} trả lời câu hỏi của bạn:\n“${q}”\n\n${answer}`, [hide("Hỏi câu khác", MENU.faq), hide("Menu", MENU.menu)]);
}
