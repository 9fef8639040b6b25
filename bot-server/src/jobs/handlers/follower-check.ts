import type { JobPayloads } from "../payloads.js";
import { checkFollowers } from "../../services/followers/check-followers.js";
import { followerDeps, type JobDefinition, type JobDeps } from "./job-deps.js";

/** Someone who wrote to the OA with no follow on record: Zalo says whether they follow (user/detail). */
export function followerCheckJob(d: JobDeps): JobDefinition<JobPayloads["follower-check"]> {
  const deps = followerDeps(d);
  return {
    run: async (p) => void (await checkFollowers(deps, [p.userId])),
    concurrency: 2,
  };
}
