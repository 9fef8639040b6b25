import { ZaloApiError } from "../../zalo/errors.js";
import type { EventDeps, ZaloEvent } from "./event.js";
import { handlerFor } from "./handlers.js";

/** Errors that mean the OA itself is misconfigured (zalo-platform.md: "permanent, alert"). */
const ALERT_CODES = new Set([-204, -205, -211, -224, -242, -320, -321]);

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
        if (ALERT_CODES.has(err.code))
          deps.log?.error(
            { code: err.code },
            "Zalo refuses the OA's messages: check the OA (disabled, package, app secret proof, quota, Zalo Cloud money) in Zalo's console",
          );
        await deps.repos.messages.markFailed(m.id, err.code);
        continue;
      }
      throw err;
    }
  }
}

/** The job behind every stored webhook event: plan once (its kind's handler), then send; errors are retried by the queue. */
export async function processWebhookEvent(deps: EventDeps, inboxId: number): Promise<void> {
  const row = await deps.repos.inbox.findById(inboxId);
  if (!row || row.status === "done" || row.status === "ignored") return;
  if (row.status === "pending" || row.status === "failed") {
    const ev = row.payload as ZaloEvent;
    const handler = handlerFor(ev.event_name);
    if (!handler) {
      await deps.repos.inbox.markProcessed(inboxId, "ignored", deps.clock.now().toISOString());
      return;
    }
    const after = await deps.repos.transaction(async (repos) => {
      const next = await handler(deps, repos, ev, inboxId);
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
