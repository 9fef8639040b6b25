import type { Clock } from "../../lib/clock.js";
import type { Repositories } from "../../repositories/index.js";
import type { QuestionRow } from "../../repositories/unanswered.js";
import { ZaloApiError } from "../../zalo/errors.js";
import type { OaClient } from "../../zalo/oa-client.js";
import type { Areas } from "../areas.js";
import { quotaOut, quotaRanOut, readQuota } from "../campaigns/oa-quota.js";
import { knownUnfollowed, windowOf, type PlanSettings } from "../campaigns/plan-campaign.js";
import { answerMessage } from "./answer-message.js";
import { answererName } from "./question-view.js";

export interface AnswerDeps {
  repos: Repositories;
  areas: Areas;
  clock: Clock;
  oa: OaClient;
  costs: Pick<PlanSettings, "freeRepliesPerWindow">;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export const messageOfAnswer = (areas: Areas, q: QuestionRow) => answerMessage(answererName(areas, q.answered_area ?? ""), q.text, q.answer_text ?? "");

/**
 * Pushes a held answer through the OA when Zalo's rules allow a consultation message now (step 5's model: free
 * within the 48-hour window while its free replies last, else from the OA's quota up to 7 days; an answer is never
 * bought with Zalo Cloud money); otherwise it stays held, for the bot to deliver when the person next writes and for
 * Tin mới. Returns the state it is left in.
 */
export async function deliverAnswer(deps: AnswerDeps, id: number): Promise<"sent" | "held"> {
  const q = await deps.repos.unanswered.findById(id);
  if (!q || q.answer_state !== "held") return q?.answer_state === "sent" ? "sent" : "held";
  const sub = await deps.repos.subscribers.find(q.user_id);
  // Zalo lets the OA write only to followers: someone not known to follow reads it in Tin mới or when they write.
  if (!sub || !sub.following || knownUnfollowed(sub)) return "held";
  const now = deps.clock.now();
  const window = windowOf(sub, now, deps.costs, 1);
  if (window === "closed") return "held";
  if (window === "proactive") {
    if ((await quotaOut(deps)) !== null) return "held";
    // Read now, not a snapshot: several answers in a minute must not count on the same remaining quota.
    const quota = await readQuota({ ...deps, log: deps.log }, 0);
    if (!quota || quota.remain < 1) return "held";
  }
  // Taken out of the held answers first, so that the person writing meanwhile does not get it a second time.
  if (!(await deps.repos.unanswered.moveAnswer(id, ["held"], "sent", { answer_delivered_at: now.toISOString() }))) return "sent";
  try {
    const r = await deps.oa.send("cs", q.user_id, messageOfAnswer(deps.areas, q));
    await deps.repos.unanswered.moveAnswer(id, ["sent"], "sent", { answer_message_id: r.messageId || null });
    await deps.repos.subscribers.countReplies(q.user_id, 1);
    return "sent";
  } catch (err) {
    await deps.repos.unanswered.moveAnswer(id, ["sent"], "held", { answer_delivered_at: null });
    // Whatever went wrong, the answer is kept: the person gets it when they next write, or reads it in Tin mới.
    if (err instanceof ZaloApiError && err.errorClass === "quota") await quotaRanOut({ ...deps, log: deps.log }, err.code);
    deps.log?.warn(
      { code: err instanceof ZaloApiError ? err.code : null, err: err instanceof ZaloApiError ? undefined : String(err), questionId: id },
      "an official's answer could not be pushed: it waits for the person to write",
    );
    return "held";
  }
}
