import type { JobPayloads } from "../payloads.js";
import { mirrorTags } from "../../services/followers/mirror-tags.js";
import { followerDeps, type JobDefinition, type JobDeps } from "./job-deps.js";

/** Subscriptions mirrored into OA tags (one per commune and topic), for officials using Zalo's OA Manager. */
export function followerTagsJob(d: JobDeps): JobDefinition<JobPayloads["follower-tags"]> {
  const deps = followerDeps(d);
  const tags = d.config.zaloTags;
  return {
    run: async (p) => void (tags.enabled && (await mirrorTags(deps, p.userId, tags))),
    concurrency: 2,
  };
}
