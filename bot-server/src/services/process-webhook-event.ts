import type { OaMessage } from "../../../shared/schemas/oa.js";
import type { Clock } from "../lib/clock.js";
import type { Repositories, RepositorySet } from "../repositories/index.js";
import type { LearnerRow } from "../repositories/learners.js";
import type { SubscriberRow } from "../repositories/subscribers.js";
import type { JobQueue } from "../jobs/queue.js";
import { ZaloApiError } from "../zalo/errors.js";
import { knownUnfollowed } from "./campaigns/plan-campaign.js";
import type { OaClient } from "../zalo/oa-client.js";
import type { Areas } from "./areas.js";
import type { CourseCatalog } from "./course-catalog.js";
import { handleMessage, welcome, type DialogueContext, type DialogueResult } from "./dialogue/handle-message.js";
import type { FaqSearch } from "./dialogue/faq-search.js";
import { menuMessage, MENU } from "./dialogue/messages.js";
import { T } from "./dialogue/texts.js";
import { inVietnam, type Point } from "../../../shared/lib/geo-point.js";
import { boxAround, locationOf, nearest } from "./commune-points/nearest.js";
import { campaignMessages } from "./campaigns/campaign-message.js";
import { draftOf } from "./campaigns/campaign-draft.js";
import { foldVietnamese } from "../../../shared/lib/text.js";
import { communeChoiceMessage, communeChoices, consentMessage, topicsOf, type CommuneChoices } from "./dialogue/subscribe.js";
import { getProgress } from "./get-progress.js";
import { OA_LINK_KEY } from "./sign-in.js";

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

interface ZaloEvent {
  event_name: string;
  timestamp?: string | number;
  sender?: { id?: string };
  recipient?: { id?: string };
  follower?: { id?: string };
  message?: { msg_id?: string; msg_ids?: string[]; text?: string; conversation_id?: string; attachments?: unknown[] };
  info?: Record<string, string | undefined>;
}

/** The follower an event is about: the sender of user events, the follower of follow/unfollow. */
function userOf(ev: ZaloEvent): string | null {
  const id = ev.follower?.id ?? (ev.event_name.startsWith("oa_send") || ev.event_name === "user_received_message" || ev.event_name === "user_seen_message" ? ev.recipient?.id : ev.sender?.id);
  return id ? String(id) : null;
}

function eventTime(ev: ZaloEvent, fallback: Date): string {
  const t = Number(ev.timestamp);
  return Number.isFinite(t) && t > 0 ? new Date(t).toISOString() : fallback.toISOString();
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

/**
 * Decides what to answer and what to remember; runs once per event (its effects are stored with the plan).
 * Gives the person's id when Zalo should be asked whether they follow (no evidence either way yet).
 */
async function plan(deps: EventDeps, repos: RepositorySet, ev: ZaloEvent, inboxId: number): Promise<{ check: string | null; tags: string | null }> {
  const none = { check: null, tags: null };
  const now = deps.clock.now();
  const at = eventTime(ev, now);
  const userId = userOf(ev);
  const name = ev.event_name;

  if (name === "user_received_message" || name === "user_seen_message" || name.startsWith("oa_send_")) {
    const ids = ev.message?.msg_ids ?? (ev.message?.msg_id ? [ev.message.msg_id] : []);
    const kind = name === "user_received_message" ? "received" : name === "user_seen_message" ? "seen" : "echo";
    await repos.messages.addReceipts(ids.map((id) => ({ zalo_message_id: String(id), event: kind, at })));
    return none;
  }
  if (!userId) return none;
  if (name.startsWith("anonymous_send_")) {
    await planAnonymous(deps, repos, ev, userId, inboxId);
    return none;
  }
  await repos.subscribers.ensure(userId, now.toISOString());
  // Locked: two messages of one person planned at once must not both start from the same dialogue state.
  let sub = (await repos.subscribers.findForUpdate(userId)) as SubscriberRow;

  if (name === "unfollow") {
    await repos.subscribers.setFollowing(userId, false, at, now.toISOString());
    return none;
  }
  await repos.subscribers.touch(userId, at);
  const learner = await repos.learners.findByIdByOA(userId);
  const ctx: DialogueContext = {
    catalog: deps.catalog,
    faq: deps.faq,
    areas: deps.areas,
    lessonUrl: deps.links.lesson,
    learnUrl: await learnUrl(deps, repos, learner),
    learnerLinked: await learnerLinked(repos, learner),
    random: deps.random,
    now: now.toISOString(),
  };

  let result: DialogueResult;
  if (name === "follow") {
    await repos.subscribers.setFollowing(userId, true, at, now.toISOString());
    sub = (await repos.subscribers.find(userId)) as SubscriberRow;
    if (!sub.following) return none; // an unfollow that happened later has already been processed
    result = welcome(ctx, sub);
  } else if (name === "user_send_text") {
    result = handleMessage(ctx, sub, String(ev.message?.text ?? ""));
  } else if (name === "user_submit_info" || name === "user_send_location") {
    result = await placeFromUser(deps, repos, ctx, sub, ev);
  } else if (name.startsWith("user_send_")) {
    // A sticker, photo, link…: it counts as an interaction (done above); the bot answers with the menu.
    result = { replies: [menuMessage("Tôi chỉ đọc được tin nhắn chữ. Bạn gõ câu hỏi hoặc chọn một nút bên dưới nhé.", ctx.learnUrl)], patch: {} };
  } else {
    return none;
  }
  // Zalo lets the OA write only to followers (-213): someone we know unfollowed gets nothing, not even a reply.
  // People who followed before this server ran have no follow on record: they are answered, and Zalo is asked
  // whether they follow (user/detail), so that a campaign does not take them for unfollowed.
  if (name !== "follow" && knownUnfollowed(sub)) result = { ...result, replies: [] };
  const unknown = name !== "follow" && !sub.following && sub.follow_checked_at === null;
  const tags = "topics" in result.patch || "commune_code" in result.patch || "news_enabled" in result.patch;

  // News that could not be pushed waits in the person's inbox and goes out now, as they have just written.
  if (name === "user_send_text" && result.replies.length) {
    const news = await inboxNews(deps, repos, userId, now);
    if (news.length) {
      const asked = foldVietnamese(String(ev.message?.text ?? "")).trim();
      result = { ...result, replies: asked === MENU.news || asked === "tin moi" ? news : [...news, ...result.replies] };
    }
  }
  if (Object.keys(result.patch).length) await repos.subscribers.update(userId, { ...result.patch, updated_at: now.toISOString() });
  if (result.unanswered) {
    await repos.unanswered.add({ user_id: userId, text: result.unanswered.text.slice(0, 2000), best_match: result.unanswered.bestMatch, best_score: result.unanswered.bestScore, created_at: now.toISOString(), resolved_at: null });
  }
  await repos.messages.queue(result.replies.map((m, seq) => queued(userId, m, inboxId, seq, now)));
  return { check: unknown ? userId : null, tags: tags ? userId : null };
}

async function inboxNews(deps: EventDeps, repos: RepositorySet, userId: string, now: Date): Promise<OaMessage[]> {
  const out: OaMessage[] = [];
  for (const item of await repos.deliveries.held(userId, 3)) {
    const campaign = await repos.campaigns.findById(Number(item.campaign_id));
    const live = !!campaign && campaign.status !== "cancelled";
    // Only if still held: read in the mini app's "Tin mới" meanwhile, it is not pushed.
    if ((await repos.deliveries.takeHeld(Number(item.id), live ? "sent" : "cancelled", now.toISOString())) && live) {
      out.push(...campaignMessages(draftOf(campaign), deps.links.lesson));
    }
  }
  return out;
}

function queued(userId: string, message: OaMessage, inboxId: number, seq: number, now: Date, conversationId: string | null = null) {
  return { user_id: userId, kind: "cs" as const, purpose: "reply", message: JSON.stringify(message), inbox_id: inboxId, seq, zalo_message_id: null, status: "queued" as const, error_code: null, created_at: now.toISOString(), sent_at: null, conversation_id: conversationId };
}

/**
 * Someone writing without following (anonymous_send_*): answered through Zalo's anonymous recipient
 * (anonymous_id = sender.id, conversation_id = message.conversation_id; Java SDK SendTextAnonymousMessage), with the
 * same answers as anyone, and told that following the OA brings the news. Nothing is kept about them.
 */
async function planAnonymous(deps: EventDeps, repos: RepositorySet, ev: ZaloEvent, anonymousId: string, inboxId: number): Promise<void> {
  const conversationId = ev.message?.conversation_id ? String(ev.message.conversation_id) : null;
  if (!conversationId) return;
  const now = deps.clock.now();
  const ctx: DialogueContext = { catalog: deps.catalog, faq: deps.faq, areas: deps.areas, lessonUrl: deps.links.lesson, learnUrl: deps.links.home(), random: deps.random, now: now.toISOString() };
  const stranger = { user_id: anonymousId, following: false, follow_checked_at: null, unfollowed_at: null, consent_at: null, dialogue: null, topics: [], news_enabled: false } as unknown as SubscriberRow;
  const text = ev.event_name === "anonymous_send_text" ? String(ev.message?.text ?? "") : "";
  const replies = text ? handleMessage(ctx, stranger, text).replies.slice(0, 2) : [];
  replies.push({ text: ANONYMOUS_HINT });
  await repos.messages.queue(replies.map((m, seq) => queued(anonymousId, m, inboxId, seq, now, conversationId)));
}

const ANONYMOUS_HINT = "Bạn đang nhắn tin mà chưa quan tâm OA. Hãy bấm “Quan tâm” để nhận tin mới của xã, phường và học kỹ năng số mỗi ngày.";

/**
 * A shared address (request_user_info) or location (user_send_location): used for the commune only after consent.
 * A location offers the nearest communes whose point is known (commune_points); otherwise the person types the name.
 */
async function placeFromUser(deps: EventDeps, repos: RepositorySet, ctx: DialogueContext, sub: SubscriberRow, ev: ZaloEvent): Promise<DialogueResult> {
  if (!sub.consent_at) return { replies: [consentMessage()], patch: { dialogue: JSON.stringify({ mode: "consent", then: "subscribe" }) } };
  // Someone who shares where they are without having picked topics yet gets all of them, as "Tất cả chủ đề" would.
  const topics = sub.topics.length ? sub.topics : topicsOf(ctx.catalog.skills).map((t) => t.id);
  const commune = (candidates: string[]) => JSON.stringify({ mode: "commune", topics, candidates });
  let choices: CommuneChoices | null = null;
  if (ev.event_name === "user_send_location") {
    const at = locationOf(ev.message);
    if (at) choices = await nearbyCommunes(repos, ctx.areas, at, deps.nearestCommuneKm ?? 15);
  } else {
    const info = ev.info ?? {};
    const query = [info.ward, info.city].filter(Boolean).join(" ");
    choices = query ? communeChoices(ctx.areas, query) : null;
  }
  if (!choices) return { replies: [{ text: T.communeTypeName }], patch: { dialogue: commune([]) } };
  return { replies: [choices.message], patch: { dialogue: commune(choices.codes) } };
}

/** Up to three communes near a point, nearest first, with their distance; null when none is within `km`. */
async function nearbyCommunes(repos: RepositorySet, areas: Areas, at: Point, km: number): Promise<CommuneChoices | null> {
  if (!inVietnam(at)) return null;
  const found = nearest(at, await repos.communePoints.within(boxAround(at, km)), km, 3).flatMap((p) => {
    const c = areas.commune(p.commune_code);
    return c ? [{ code: c.code, name: c.name, line: `${c.fullName} (khoảng ${formatKm(p.km)})` }] : [];
  });
  return found.length ? communeChoiceMessage(T.communeNearby, found, T.communeNearbyOther) : null;
}

const formatKm = (km: number) => (km < 1 ? `${Math.max(100, Math.round(km * 10) * 100)} m` : `${km.toFixed(1).replace(".", ",")} km`);

/** Sends what was planned and not sent yet; a retried job resends nothing that already went out. */
async function sendPlanned(deps: EventDeps, inboxId: number): Promise<void> {
  for (const m of await deps.repos.messages.queuedFor(inboxId)) {
    try {
      const to = m.conversation_id ? { anonymousId: m.user_id, conversationId: m.conversation_id } : m.user_id;
      const r = await deps.oa.send(m.kind, to, m.message);
      const cost = r.quotaType === "purchase_quota" ? (deps.paidMessageVnd ?? 0) : 0;
      await deps.repos.messages.markSent(m.id, r.messageId, deps.clock.now().toISOString(), r.quotaType, cost);
      if (!m.conversation_id) await deps.repos.subscribers.countReplies(m.user_id, 1);
    } catch (err) {
      if (err instanceof ZaloApiError && (err.errorClass === "unreachable" || err.errorClass === "permanent" || err.errorClass === "quota")) {
        if (ALERT_CODES.has(err.code)) deps.log?.error({ code: err.code }, "Zalo refuses the OA's messages: check the OA (disabled, package, app secret proof, quota, Zalo Cloud money) in Zalo's console");
        await deps.repos.messages.markFailed(m.id, err.code);
        continue;
      }
      throw err;
    }
  }
}

/** The job behind every stored webhook event: plan once, then send; errors are retried by the queue. */
export async function processWebhookEvent(deps: EventDeps, inboxId: number): Promise<void> {
  const row = await deps.repos.inbox.findById(inboxId);
  if (!row || row.status === "done" || row.status === "ignored") return;
  if (row.status === "pending" || row.status === "failed") {
    const ev = row.payload as ZaloEvent;
    if (!KNOWN_EVENTS.has(ev.event_name) && !ev.event_name.startsWith("oa_send_") && !ev.event_name.startsWith("user_send_") && !ev.event_name.startsWith("anonymous_send_")) {
      await deps.repos.inbox.markProcessed(inboxId, "ignored", deps.clock.now().toISOString());
      return;
    }
    const after = await deps.repos.transaction(async (repos) => {
      const next = await plan(deps, repos, ev, inboxId);
      await repos.inbox.markPlanned(inboxId);
      return next;
    });
    // Outside the transaction: on SQLite the queue's write would wait for the one connection the transaction holds.
    if (after.check) await deps.queue?.add("follower-check", { userId: after.check }, { key: `follower-check:${after.check}` });
    if (after.tags) await deps.queue?.add("follower-tags", { userId: after.tags }, { key: `follower-tags:${after.tags}:${inboxId}` });
  }
  await sendPlanned(deps, inboxId);
  await deps.repos.inbox.markProcessed(inboxId, "done", deps.clock.now().toISOString());
}

/** Errors that mean the OA itself is misconfigured (zalo-platform.md: "permanent, alert"). */
const ALERT_CODES = new Set([-204, -205, -211, -224, -242, -320, -321]);

export const KNOWN_EVENTS = new Set(["follow", "unfollow", "user_send_text", "user_submit_info", "user_send_location", "user_received_message", "user_seen_message"]);
