import type { Clock } from "../../lib/clock.js";
import { notFound } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import { followerOf } from "./get-my-news.js";

const missing = () => notFound("news_not_found", "Không có tin này trong mục Tin mới của bạn.");

/**
 * The learner read a campaign's news in the app: its delivery goes from held to read, so the bot does not push it
 * when they next write to the OA, and the campaign's statistics count it as read in the app. Reading it again is
 * fine; news that is not theirs, not in their inbox (sent through the OA already) or of a cancelled campaign is a
 * 404, and nothing changes.
 */
export async function readNews(deps: { repos: Repositories; clock: Clock }, learnerId: string, campaignId: number): Promise<void> {
  const follower = await followerOf(deps.repos, learnerId);
  const d = follower ? await deps.repos.deliveries.findFor(campaignId, follower) : undefined;
  if (!d || (d.state !== "held" && d.state !== "read")) throw missing();
  const campaign = await deps.repos.campaigns.findById(campaignId);
  if (!campaign || campaign.status === "cancelled") throw missing();
  if (d.state === "read") return;
  if (!(await deps.repos.deliveries.markRead(Number(d.id), deps.clock.now().toISOString()))) {
    // Moved meanwhile: read on another phone (fine), or sent by the bot as the person wrote to the OA.
    if ((await deps.repos.deliveries.findById(Number(d.id)))?.state !== "read") throw missing();
  }
}
