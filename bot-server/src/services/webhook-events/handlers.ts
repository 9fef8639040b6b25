import { answerAnonymous } from "./anonymous.js";
import { converse } from "./conversation.js";
import type { EventHandler } from "./event.js";
import { answerFollow, recordUnfollow } from "./follow.js";
import { placeFromUser } from "./place-from-user.js";
import { recordReceipts } from "./receipts.js";
import { answerMedia, answerText } from "./user-messages.js";

/** The events handled, by Zalo's event name. */
const BY_NAME = new Map<string, EventHandler>([
  ["follow", converse(answerFollow)],
  ["unfollow", recordUnfollow],
  ["user_send_text", converse(answerText)],
  ["user_submit_info", converse(placeFromUser)],
  ["user_send_location", converse(placeFromUser)],
  ["user_received_message", recordReceipts],
  ["user_seen_message", recordReceipts],
]);

/** Families Zalo names one event per kind of message (user_send_image, oa_send_text, anonymous_send_sticker…). */
const BY_PREFIX: [string, EventHandler][] = [
  ["oa_send_", recordReceipts],
  ["user_send_", converse(answerMedia)],
  ["anonymous_send_", answerAnonymous],
];

/** The handler of an event; none for events this server does not handle (they are stored and ignored). */
export function handlerFor(eventName: string): EventHandler | undefined {
  return BY_NAME.get(eventName) ?? BY_PREFIX.find(([prefix]) => eventName.startsWith(prefix))?.[1];
}
