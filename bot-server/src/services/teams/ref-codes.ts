import { randomBytes } from "node:crypto";
import type { TeamDeps } from "./team-deps.js";

/** A short, unguessable ref code that matches refCodeSchema: "t-" or "m-" and 11 URL-safe characters (64 bits). */
export function newRefCode(deps: Pick<TeamDeps, "random">, kind: "t" | "m"): string {
  return `${kind}-${(deps.random ?? randomBytes)(8).toString("base64url")}`;
}
