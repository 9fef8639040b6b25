import { handleMessage, type DialogueContext } from "../dialogue/handle-message.js";
import { T } from "../dialogue/texts.js";
import type { SubscriberRow } from "../../repositories/subscribers.js";
import { queued } from "./conversation.js";
import { forUser, NOTHING, type EventHandler } from "./event.js";

/**
 * Someone writing without following (anonymous_send_*): answered through Zalo's anonymous recipient
 * (anonymous_id = sender.id, conversation_id = message.conversation_id; Java SDK SendTextAnonymousMessage), with the
 * same answers as anyone, and told that following the OA brings the news. Nothing is kept about them.
 */
export const answerAnonymous: EventHandler = forUser(async (deps, repos, ev, anonymousId, inboxId) => {
  const conversationId = ev.message?.conversation_id ? String(ev.message.conversation_id) : null;
  if (!conversationId) return NOTHING;
  const now = deps.clock.now();
  const ctx: DialogueContext = {
    catalog: deps.catalog,
    faq: deps.faq,
    areas: deps.areas,
    lessonUrl: deps.links.lesson,
    learnUrl: deps.links.home(),
    random: deps.random,
    now: now.toISOString(),
  };
  const stranger = {
    user_id: anonymousId,
    following: false,
    follow_checked_at: null,
    unfollowed_at: null,
    consent_at: null,
    dialogue: null,
    topics: [],
    news_enabled: false,
  } as unknown as SubscriberRow;
  const text = ev.event_name === "anonymous_send_text" ? String(ev.message?.text ?? "") : "";
  const replies = text ? handleMessage(ctx, stranger, text).replies.slice(0, 2) : [];
  replies.push({ text: T.anonymousHint });
  await repos.messages.queue(replies.map((m, seq) => queued(anonymousId, m, inboxId, seq, now, conversationId)));
  return NOTHING;
});
