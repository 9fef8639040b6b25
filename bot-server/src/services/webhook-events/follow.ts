import type { SubscriberRow } from "../../repositories/subscribers.js";
import { welcome } from "../dialogue/handle-message.js";
import { lockSubscriber } from "./conversation.js";
import type { AnswerStep } from "./turn.js";
import { eventTime, forUser, NOTHING, type EventHandler } from "./event.js";

/** A new follower is welcomed; a follow older than an unfollow already processed changes nothing. */
export const answerFollow: AnswerStep = async ({ repos, userId, at, now, ctx }) => {
  await repos.subscribers.setFollowing(userId, true, at, now.toISOString());
  const sub = (await repos.subscribers.find(userId)) as SubscriberRow;
  if (!sub.following) return null; // an unfollow that happened later has already been processed
  return { sub, result: welcome(ctx, sub) };
};

/** Someone unfollowed: recorded (their dialogue ends), and nothing is sent to them. */
export const recordUnfollow: EventHandler = forUser(async (deps, repos, ev, userId) => {
  const now = deps.clock.now();
  await lockSubscriber(repos, userId, now);
  await repos.subscribers.setFollowing(userId, false, eventTime(ev, now), now.toISOString());
  return NOTHING;
});
