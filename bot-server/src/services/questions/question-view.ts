import type { z } from "zod";
import type { questionSchema } from "../../../../shared/schemas/questions.js";
import type { QuestionRow } from "../../repositories/unanswered.js";
import type { Areas } from "../areas.js";

/** Who the resident is told answered: the commune or the province, never a person; the operator as the OA's team. */
export function answererName(areas: Areas, areaCode: string): string {
  if (areaCode === "") return "Ban vận hành Chuyển đổi số quốc gia";
  return areas.commune(areaCode)?.fullName ?? areas.province(areaCode)?.name ?? areaCode;
}

export function questionView(areas: Areas, r: QuestionRow): z.infer<typeof questionSchema> {
  return {
    id: Number(r.id),
    text: r.text,
    communeCode: r.commune_code ?? null,
    communeName: r.commune_code ? (areas.commune(r.commune_code)?.fullName ?? null) : null,
    bestMatch: r.best_match,
    askedAt: r.created_at,
    answer:
      r.answer_text !== null && r.answered_at !== null && r.answer_state !== null
        ? {
            text: r.answer_text,
            answeredBy: answererName(areas, r.answered_area ?? ""),
            answeredAt: r.answered_at,
            state: r.answer_state,
            faqEntryId: r.faq_entry_id,
          }
        : null,
  };
}
