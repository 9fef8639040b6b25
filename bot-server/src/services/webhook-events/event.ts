import type { Clock } from "../../lib/clock.js";
import type { JobQueue } from "../../jobs/queue.js";
import type { Repositories, RepositorySet } from "../../repositories/index.js";
import type { OaClient } from "../../zalo/oa-client.js";
import type { Areas } from "../areas.js";
import type { CourseCatalog } from "../course-catalog.js";
import type { FaqSearch } from "../dialogue/faq-search.js";

export interface EventDeps {
  repos: Repositories;
  catalog: CourseCatalog;
  faq: FaqSearch;
  areas: Areas;
  oa: OaClient;
  clock: Clock;
  random: () => number;
  links: { lesson(lessonId: string): string; home(): string };
  log?: { error(obj: object, msg: string): void };
  queue?: Pick<JobQueue, "add">;
  /** What a bought consultation message costs (purchase_quota), for the record of each reply. */
  paidMessageVnd?: number;
  /** How far a shared location may be from a commune's point for the commune to be offered (NEAREST_COMMUNE_KM). */
  nearestCommuneKm?: number;
}

export interface ZaloEvent {
  event_name: string;
  timestamp?: string | number;
  sender?: { id?: string };
  recipient?: { id?: string };
  follower?: { id?: string };
  message?: { msg_id?: string; msg_ids?: string[]; text?: string; conversation_id?: string; attachments?: unknown[] };
  info?: Record<string, string | undefined>;
}

/**
 * What planning an event leaves for after its transaction: the person to ask Zalo about (whether they follow: no
 * evidence either way yet), and the person whose OA tags to mirror.
 */
export interface Planned {
  check: string | null;
  tags: string | null;
}

export const NOTHING: Planned = { check: null, tags: null };

/** Decides what to answer and what to remember for one kind of event; runs once per event, in its transaction. */
export type EventHandler = (deps: EventDeps, repos: RepositorySet, ev: ZaloEvent, inboxId: number) => Promise<Planned>;

/** The follower an event is about: the sender of user events, the follower of follow/unfollow. */
function userOf(ev: ZaloEvent): string | null {
  const id =
    ev.follower?.id ??
    (ev.event_name.startsWith("oa_send") || ev.event_name === "user_received_message" || ev.event_name === "user_seen_message"
      ? ev.recipient?.id
      : ev.sender?.id);
  return id ? String(id) : null;
}

export function eventTime(ev: ZaloEvent, fallback: Date): string {
  const t = Number(ev.timestamp);
  return Number.isFinite(t) && t > 0 ? new Date(t).toISOString() : fallback.toISOString();
}

/** A handler for events about a person: an event that names no one changes nothing. */
export function forUser(fn: (deps: EventDeps, repos: RepositorySet, ev: ZaloEvent, userId: string, inboxId: number) => Promise<Planned>): EventHandler {
  return async (deps, repos, ev, inboxId) => {
    const userId = userOf(ev);
    return userId ? fn(deps, repos, ev, userId, inboxId) : NOTHING;
  };
}
