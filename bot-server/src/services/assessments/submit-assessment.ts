import type { AssessmentAnswers, AssessmentResult } from "../../../../shared/schemas/assessment.js";
import { answerShapeError, isCorrect } from "../../../../shared/lib/grading.js";
import { badRequest, conflict, notFound } from "../../lib/errors.js";
import { assessmentOf, type AssessmentDeps } from "./assessment-deps.js";
import { attemptView } from "./start-assessment.js";
import { skillCompletion } from "./skill-completion.js";

/**
 * Grades an attempt on the server, by option ids, once: every question drawn answered exactly once, well-formed,
 * or nothing is recorded. The result says which questions were right and explains each chosen option; it does not
 * name the right options, so that the next attempt still asks for understanding.
 */
export async function submitAssessment(deps: AssessmentDeps, learnerId: string, attemptId: string, body: AssessmentAnswers): Promise<AssessmentResult> {
  const row = await deps.repos.assessments.find(attemptId);
  if (!row || row.learner_id !== learnerId) throw notFound("attempt_not_found", "Không tìm thấy lượt làm bài này.");
  if (row.submitted_at) throw conflict("attempt_submitted", "Lượt làm bài này đã được chấm rồi.");
  const a = assessmentOf(deps.course, row.skill);
  const shown = attemptView(a, row).questions.map((v) => a.questions.find((q) => q.id === v.id)!);
  const given = new Map<string, string[]>();
  for (const x of body.answers) {
    if (given.has(x.questionId)) throw badRequest("invalid_answers", `Câu ${x.questionId} được trả lời hai lần.`);
    given.set(x.questionId, x.answer);
  }
  for (const id of given.keys()) if (!shown.some((q) => q.id === id)) throw badRequest("invalid_answers", `Câu ${id} không có trong lượt làm bài này.`);
  const graded = shown.map((q) => {
    const answer = given.get(q.id);
    if (!answer) throw badRequest("invalid_answers", "Bạn hãy trả lời tất cả các câu trước khi nộp bài.");
    const shape = answerShapeError(q, answer);
    if (shape) throw badRequest("invalid_answers", `Câu trả lời cho “${q.prompt}” không hợp lệ (${shape}).`);
    return { q, answer, correct: isCorrect(q, answer) };
  });
  const correct = graded.filter((g) => g.correct).length;
  const total = graded.length;
  const passed = total > 0 && correct * 100 >= row.pass_percent * total;
  const ok = await deps.repos.assessments.submit(row.id, {
    answers: JSON.stringify(Object.fromEntries(graded.map((g) => [g.q.id, g.answer]))),
    correct,
    total,
    passed,
    at: deps.clock.now().toISOString(),
  });
  if (!ok) throw conflict("attempt_submitted", "Lượt làm bài này đã được chấm rồi.");
  return {
    correct,
    total,
    scorePct: total ? Math.round((correct / total) * 100) : 0,
    passPercent: row.pass_percent,
    passed,
    questions: graded.map((g) => ({
      id: g.q.id,
      prompt: g.q.prompt,
      correct: g.correct,
      // An order question's "choice" is the whole order: explained only by whether it was right.
      chosen: g.q.kind === "order" ? [] : g.answer.map((id) => g.q.options.find((o) => o.id === id)!).map((o) => ({ text: o.text, explain: o.explain })),
    })),
    completion: await skillCompletion(deps, learnerId, row.skill),
  };
}
