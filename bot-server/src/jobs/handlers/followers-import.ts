import type { JobPayloads } from "../payloads.js";
import { runFollowerImport } from "../../services/followers/run-import.js";
import { followerDeps, type JobDefinition, type JobDeps } from "./job-deps.js";

export function followersImportJob(d: JobDeps): JobDefinition<JobPayloads["followers-import"]> {
  const deps = followerDeps(d);
  return {
    run: () => runFollowerImport(deps, d.config.followerImportHours),
    concurrency: 1,
    onFailed: async (_p, err) => d.log.error({ err }, "importing followers from Zalo failed for good; the next scheduled run tries again"),
  };
}
