import type { Config } from "../config.js";
import type { Clock } from "../lib/clock.js";
import { syntheticFollower } from "./synthetic.js";
import { faultsSchema, SandboxWorld, type Faults } from "./world.js";

/** A fresh pretend Zalo with the faults it is configured to start with. */
export function startWorld(config: Pick<Config, "sandboxFaults" | "sandboxSeed" | "sandboxFollowers">, clock: Clock): SandboxWorld {
  const world = new SandboxWorld(clock);
  const faults = faultsSchema.partial().safeParse(config.sandboxFaults);
  if (!faults.success) throw new Error(`SANDBOX_FAULTS: ${faults.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  world.setFaults(faults.data as Partial<Faults>);
  // An OA in use long before this server: with a seed, the same followers (who never send `follow`) every start.
  if (config.sandboxSeed) world.seedPreexisting(0, config.sandboxFollowers, syntheticFollower);
  return world;
}
