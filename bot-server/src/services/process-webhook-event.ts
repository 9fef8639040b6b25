import type { OaMessage } from "../../../shared/schemas/oa.js";
import type { Clock } from "../lib/clock.js";
import type { Repositories, RepositorySet } from "../repositories/index.js";
import type { SubscriberRow } from "../repositories/subscribers.js";
import { ZaloApiError } from "../zalo/errors.js";
import type { OaClient } from "../zalo/oa-client.js";
import type { Areas } from "./areas.js";
import type { CourseCatalog } from "./course-catalog.js";
import { handleMessage, welcome, type DialogueContext, type DialogueResult } from "./dialogue/handle-message.js";
import type { FaqSearch } from "./dialogue/faq-search.js";
import { menuMessage, MENU } from "./dialogue/messages.js";
import { campaignMessages } from "./campaigns/campaign-message.js";
import { draftOf } from "./campaigns/deliver-campaign.js";
import { foldVietnamese } from "../../../shared/lib/text.js";
import { communeChoices, consentMessage } from "./dialogue/subscribe.js";
import { getProgress } from "./get-progress.js";

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
}

interface ZaloEvent {
  event_name: string;
  timestamp?: string | number;
  sender?: { id?: string };
  recipient?: { id?: string };
  follower?: { id?: string };
  message?: { msg_id?: string; msg_ids?: string[]; text?: string };
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

async function learnUrl(deps: EventDeps, repos: RepositorySet, userId: string): Promise<string> {
  const learner = await repos.learners.findByIdByOA(userId);
  if (!learner) return deps.links.home();
  // Inside the event's transaction: on SQLite a query outside it would wait for the one connection forever.
  const progress = await getProgress({ repos, catalog: deps.catalog }, learner.id);
  const passed = new Set(progress.lessons.filter((l) => l.passed).map((l) => l.lessonId));
  const next = deps.catalog.skills.flatMap((s) => deps.catalog.lessonsOf(s.id)).find((l) => !passed.has(l.id));
  return next ? deps.links.lesson(next.id) : deps.links.home();
}

/** Decides what to answer and what to remember; runs once per event (its effects are stored with the plan). */
async function plan(deps: EventDeps, repos: RepositorySet, ev: ZaloEvent, inboxId: number): Promise<void> {
  const now = deps.clock.now();
  const at = eventTime(ev, now);
  const userId = userOf(ev);
  const name = ev.event_name;

  if (name === "user_received_message" || name === "user_seen_message" || name.startsWith("oa_send_")) {
    const ids = ev.message?.msg_ids ?? (ev.message?.msg_id ? [ev.message.msg_id] : []);
    const kind = name === "user_received_message" ? "received" : name === "user_seen_message" ? "seen" : "echo";
    await repos.messages.addReceipts(ids.map((id) => ({ zalo_message_id: String(id), event: kind, at })));
    return;
  }
  if (!userId) return;
  await repos.subscribers.ensure(userId, now.toISOString());
  // Locked: two messages of one person planned at once must not both start from the same dialogue state.
  let sub = (await repos.subscribers.findForUpdate(userId)) as SubscriberRow;

  if (name === "unfollow") {
    await repos.subscribers.setFollowing(userId, false, at, now.toISOString());
    return;
  }
  await repos.subscribers.touch(userId, at);
  const ctx: DialogueContext = {
    catalog: deps.catalog,
    faq: deps.faq,
    areas: deps.areas,
    lessonUrl: deps.links.lesson,
    learnUrl: await learnUrl(deps, repos, userId),
    random: deps.random,
    now: now.toISOString(),
  };

  let result: DialogueResult;
  if (name === "follow") {
    await repos.subscribers.setFollowing(userId, true, at, now.toISOString());
    sub = (await repos.subscribers.find(userId)) as SubscriberRow;
    if (!sub.following) return; // an unfollow that happened later has already been processed
    result = welcome(ctx, sub);
  } else if (name === "user_send_text") {
    result = handleMessage(ctx, sub, String(ev.message?.text ?? ""));
  } else if (name === "user_submit_info" || name === "user_send_location") {
    result = placeFromUser(ctx, sub, ev);
  } else if (name.startsWith("user_send_")) {
    // A sticker, photo, link…: it counts as an interaction (done above); the bot answers with the menu.
    result = { replies: [menuMessage("Tôi chỉ đọc được tin nhắn chữ. Bạn gõ câu hỏi hoặc chọn một nút bên dưới nhé.", ctx.learnUrl)], patch: {} };
  } else {
    return;
  }
  // Zalo lets the OA write only to followers (-213): someone we know unfollowed gets nothing, not even a reply.
  // People who followed before this server ran have no follow on record: they are answered.
  if (name !== "follow" && !sub.following && sub.unfollowed_at !== null) result = { ...result, replies: [] };

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

function queued(userId: string, message: OaMessage, inboxId: number, seq: number, now: Date) {
  return { user_id: userId, kind: "cs" as const, purpose: "reply", message: JSON.stringify(message), inbox_id: inboxId, seq, zalo_message_id: null, status: "queued" as const, error_code: null, created_at: now.toISOString(), sent_at: null };
}

/** A shared address (request_user_info) or location: used for the commune only after consent. */
function placeFromUser(ctx: DialogueContext, sub: SubscriberRow, ev: ZaloEvent): DialogueResult {
  if (!sub.consent_at) return { replies: [consentMessage()], patch: { dialogue: JSON.stringify({ mode: "consent", then: "subscribe" }) } };
  const info = ev.info ?? {};
  const query = [info.ward, info.city].filter(Boolean).join(" ");
  const choices = query ? communeChoices(ctx.areas, query) : null;
  if (!choices) return { replies: [{ text: "Cảm ơn bạn. Hãy gõ tên xã/phường của bạn, ví dụ: phuong ba dinh ha noi." }], patch: { dialogue: JSON.stringify({ mode: "commune", topics: JSON.parse(sub.topics || "[]"), candidates: [] }) } };
  return { replies: [choices.message], patch: { dialogue: JSON.stringify({ mode: "commune", topics: JSON.parse(sub.topics || "[]"), candidates: choices.codes }) } };
}

/** Sends what was planned and not sent yet; a retried job resends nothing that already went out. */
async function sendPlanned(deps: EventDeps, inboxId: number): Promise<void> {
  for (const m of await deps.repos.messages.queuedFor(inboxId)) {
    try {
      const r = await deps.oa.send(m.kind, m.user_id, JSON.parse(m.message) as OaMessage);
      await deps.repos.messages.markSent(m.id, r.messageId, deps.clock.now().toISOString());
    } catch (err) {
      if (err instanceof ZaloApiError && (err.errorClass === "unreachable" || err.errorClass === "permanent")) {
        if (ALERT_CODES.has(err.code)) deps.log?.error({ code: err.code }, "Zalo refuses the OA's messages: check the OA (disabled, package, app secret proof) in Zalo's console");
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
    const ev = JSON.parse(row.payload) as ZaloEvent;
    if (!KNOWN_EVENTS.has(ev.event_name) && !ev.event_name.startsWith("oa_send_") && !ev.event_name.startsWith("user_send_")) {
      await deps.repos.inbox.markProcessed(inboxId, "ignored", deps.clock.now().toISOString());
      return;
    }
    await deps.repos.transaction(async (repos) => {
      await plan(deps, repos, ev, inboxId);
      await repos.inbox.markPlanned(inboxId);
    });
  }
  await sendPlanned(deps, inboxId);
  await deps.repos.inbox.markProcessed(inboxId, "done", deps.clock.now().toISOString());
}

/** Errors that mean the OA itself is misconfigured (zalo-platform.md: "permanent, alert"). */
const ALERT_CODES = new Set([-204, -205, -224, -242, -320, -321]);

export const KNOWN_EVENTS = new Set(["follow", "unfollow", "user_send_text", "user_submit_info", "user_send_location", "user_received_message", "user_seen_message"]);
