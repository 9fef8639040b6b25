import type { RepositorySet } from "../../repositories/index.js";
import type { SubscriberRow } from "../../repositories/subscribers.js";
import type { DialogueContext, DialogueResult } from "../dialogue/handle-message.js";
import type { EventDeps, ZaloEvent } from "./event.js";

/** One event of a follower's conversation, with what the answer is decided from. */
export interface Turn {
  deps: EventDeps;
  repos: RepositorySet;
  ev: ZaloEvent;
  userId: string;
  /** When the event happened (Zalo's timestamp), and when it is handled. */
  at: string;
  now: Date;
  sub: SubscriberRow;
  ctx: DialogueContext;
}

export interface Answer {
  /** The subscriber as the answer leaves them (a follow event changes who they are). */
  sub: SubscriberRow;
  result: DialogueResult;
  /** The person wrote to the OA: news waiting in their inbox goes out with the answer. */
  withNews?: boolean;
}

/** Decides the answer to one kind of event; null: nothing to answer or remember. */
export type AnswerStep = (turn: Turn) => Promise<Answer | null>;
