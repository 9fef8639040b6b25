import type { OaMessage } from "../../../../shared/schemas/oa.js";
import { vietnamDate } from "../../../../shared/lib/vietnam-time.js";
import type { RepositorySet } from "../../repositories/index.js";
import type { LearnerRow } from "../../repositories/learners.js";
import type { SubscriberRow } from "../../repositories/subscribers.js";
import { knownUnfollowed } from "../campaigns/plan-campaign.js";
import { faqFor } from "../dialogue/area-faq.js";
import type { DialogueContext } from "../dialogue/handle-message.js";
import { getProgress } from "../get-progress.js";
import { OA_LINK_KEY } from "../sign-in.js";
import { eventTime, forUser, NOTHING, type EventDeps, type EventHandler, type Planned } from "./event.js";
import { withHeldNews } from "./held-news.js";
import type { Answer, AnswerStep, Turn } from "./turn.js";

/** Creates the subscriber if missing and, on PostgreSQL, locks the row to the end of the event's transaction. */
export async function lockSubscriber(repos: RepositorySet, userId: string, now: Date): Promise<SubscriberRow> {
  await repos.subscribers.ensure(userId, now.toISOString());
  // Locked: two messages of one person planned at once must not both start from the same dialogue state.
  return (await repos.subscribers.findForUpdate(userId)) as SubscriberRow;
}

async function learnUrl(deps: EventDeps, repos: RepositorySet, learner: LearnerRow | undefined): Promise<string> {
  if (!learner) return deps.links.home();
  // Inside the event's transaction: on SQLite a query outside it would wait for the one connection forever.
  const progress = await getProgress({ repos, catalog: deps.catalog }, learner.id);
  const passed = new Set(progress.lessons.filter((l) => l.passed).map((l) => l.lessonId));
  const next = deps.catalog.skills.flatMap((s) => deps.catalog.lessonsOf(s.id)).find((l) => !passed.has(l.id));
  return next ? deps.links.lesson(next.id) : deps.links.home();
}

/** See DialogueContext.learnerLinked: false only when the mini app is known not to be linked to the OA. */
async function learnerLinked(repos: RepositorySet, learner: LearnerRow | undefined): Promise<boolean | null> {
  if (learner) return true;
  const link = await repos.oaState.get<{ linked: boolean }>(OA_LINK_KEY);
  return link && !link.value.linked ? false : null;
}

export function queued(userId: string, message: OaMessage, inboxId: number, seq: number, now: Date, conversationId: string | null = null) {
  return {
    user_id: userId,
    kind: "cs" as const,
    purpose: "reply",
    message: JSON.stringify(message),
    inbox_id: inboxId,
    seq,
    zalo_message_id: null,
    status: "queued" as const,
    error_code: null,
    created_at: now.toISOString(),
    sent_at: null,
    conversation_id: conversationId,
  };
}

/** Stores what the answer changes of the person and queues its replies; says what is left for after the transaction. */
async function remember(turn: Turn, inboxId: number, answer: Answer): Promise<Planned> {
  const { repos, userId, now } = turn;
  const sub = answer.sub;
  let result = answer.result;
  // Zalo lets the OA write only to followers (-213): someone we know unfollowed gets nothing, not even a reply.
  // People who followed before this server ran have no follow on record: they are answered, and Zalo is asked
  // whether they follow (user/detail), so that a campaign does not take them for unfollowed.
  if (knownUnfollowed(sub)) result = { ...result, replies: [] };
  const unknown = !sub.following && sub.follow_checked_at === null;
  const tags = "topics" in result.patch || "commune_code" in result.patch || "news_enabled" in result.patch;
  if (answer.withNews && result.replies.length) result = await withHeldNews(turn, result);
  if (Object.keys(result.patch).length) await repos.subscribers.update(userId, { ...result.patch, updated_at: now.toISOString() });
  if (result.unanswered) {
    await repos.unanswered.add({
      user_id: userId,
      text: result.unanswered.text.slice(0, 2000),
      best_match: result.unanswered.bestMatch,
      best_score: result.unanswered.bestScore,
      created_at: now.toISOString(),
      resolved_at: null,
      commune_code: sub.commune_code,
    });
  }
  if (result.asked) await repos.unanswered.countAsked(vietnamDate(now), sub.commune_code ?? "", result.asked === "answered");
  await repos.messages.queue(result.replies.map((m, seq) => queued(userId, m, inboxId, seq, now)));
  return { check: unknown ? userId : null, tags: tags ? userId : null };
}

/** A follower's event that the bot answers: the interaction is recorded, the answer decided, then remembered. */
export function converse(answer: AnswerStep): EventHandler {
  return forUser(async (deps, repos, ev, userId, inboxId) => {
    const now = deps.clock.now();
    const at = eventTime(ev, now);
    const sub = await lockSubscriber(repos, userId, now);
    await repos.subscribers.touch(userId, at);
    const learner = await repos.learners.findByIdByOA(userId);
    const ctx: DialogueContext = {
      catalog: deps.catalog,
      faq: await faqFor(deps.faq, repos, deps.areas, sub),
      areas: deps.areas,
      lessonUrl: deps.links.lesson,
      learnUrl: await learnUrl(deps, repos, learner),
      learnerLinked: await learnerLinked(repos, learner),
      random: deps.random,
      now: now.toISOString(),
    };
    const turn: Turn = { deps, repos, ev, userId, at, now, sub, ctx };
    const answered = await answer(turn);
    return answered ? remember(turn, inboxId, answered) : NOTHING;
  });
}
