import { checkUnknownAudience } from "../followers/check-followers.js";
import { refineDatedInteractions } from "../followers/exact-interactions.js";
import { draftOf } from "./campaign-draft.js";
import { campaignMessages } from "./campaign-message.js";
import { queueBatches } from "./deliver-batch.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { readQuota } from "./oa-quota.js";
import { audienceTest, costOf, forEachAudiencePage, router } from "./plan-campaign.js";
import { finishIfSettled } from "./settle-campaign.js";

/**
 * The planning job: one delivery row per follower in the audience (the unique key makes a re-run add nothing),
 * page by page; those to push are queued in batches (jobs carrying delivery ids), the rest wait in the inbox.
 */
export async function planDeliveries(deps: DeliveryDeps, campaignId: number): Promise<void> {
  const row = await deps.repos.campaigns.findById(campaignId);
  if (row?.status === "scheduled")
    await deps.repos.campaigns.transition(campaignId, ["scheduled"], { status: "sending", updated_at: deps.clock.now().toISOString() });
  else if (!row || row.status !== "sending") return;
  // Rows already there were written by an earlier run of this job that died (and were perhaps never queued).
  const earlier = await deps.repos.deliveries.maxId(campaignId);
  const draft = draftOf(row);
  const inAudience = audienceTest(draft);
  // No one is called "unfollowed" for want of evidence: people of unknown follow state are asked about first.
  const checked = await checkUnknownAudience(deps, inAudience);
  if (checked.checked) deps.log?.info({ campaignId, ...checked }, "checked with Zalo who follows before planning");
  if (deps.exactInteractions !== false) {
    const refined = await refineDatedInteractions(deps, inAudience);
    if (refined.asked) deps.log?.info({ campaignId, ...refined }, "asked Zalo for exact last interactions before planning");
  }
  const messagesPerPerson = campaignMessages(draft, deps.lessonUrl).length;
  const quota = await readQuota({ ...deps, log: deps.log }, 0);
  const route = router(draft, deps.clock.now(), deps.costs, { messagesPerPerson, quotaRemaining: quota?.remain ?? null });
  await forEachAudiencePage(deps.repos.subscribers, deps.costs.pageSize ?? 2000, async (page) => {
    const now = deps.clock.now().toISOString();
    const rows = page.flatMap((sub) => {
      const { route: r, waitsForQuota } = route(sub);
      if (r === "outside_area" || r === "unfollowed" || r === "unsubscribed") return [];
      // Still unknown after asking Zalo (it did not answer): their news waits in the inbox.
      const kind = r === "unknown" ? ("inbox" as const) : r;
      const held = kind === "inbox";
      return [
        {
          campaign_id: campaignId,
          user_id: sub.user_id,
          kind,
          state: held ? ("held" as const) : ("planned" as const),
          zalo_message_id: null,
          error_code: waitsForQuota ? -211 : null,
          planned_cost_vnd: costOf(kind, deps.costs, messagesPerPerson),
          created_at: now,
          updated_at: now,
        },
      ];
    });
    await queueBatches(deps, await deps.repos.deliveries.insertMany(rows));
  });
  // Queued again in case the earlier run died before queueing them; a row is sent once all the same (see claim).
  if (earlier) await queueBatches(deps, await deps.repos.deliveries.plannedIds(campaignId, earlier));
  // Every row is written: from now on the last delivery to settle finishes the campaign. With nothing to push
  // (everyone's news waits in their inbox, or no one is in the audience) it is done at once.
  await deps.repos.campaigns.markPlanned(campaignId, deps.clock.now().toISOString());
  await finishIfSettled(deps, campaignId);
}
