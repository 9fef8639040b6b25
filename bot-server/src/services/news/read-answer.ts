import type { Clock } from "../../lib/clock.js";
import { notFound } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import { followerOf } from "./get-my-news.js";

/**
 * The learner read an official's answer in Tin mới: held → read, so the bot does not send it when they next write.
 * Reading one already read or pushed is fine; an answer that is not theirs is a 404, and nothing changes.
 */
export async function readAnswer(deps: { repos: Repositories; clock: Clock }, learnerId: string, questionId: number): Promise<void> {
  const follower = await followerOf(deps.repos, learnerId);
  const q = follower ? await deps.repos.unanswered.findById(questionId) : undefined;
  if (!q || q.user_id !== follower || q.answer_state === null || q.answer_state === "cancelled")
    throw notFound("answer_not_found", "Không có câu trả lời này trong mục Tin mới của bạn.");
  if (q.answer_state === "held") await deps.repos.unanswered.moveAnswer(questionId, ["held"], "read", { answer_delivered_at: deps.clock.now().toISOString() });
}
