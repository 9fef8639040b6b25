import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { messageText } from "../../../shared/lib/oa-text.js";
import { syntheticFollower } from "./synthetic.js";
import type { SandboxWorld } from "./world.js";

/**
 * Sandbox routes for load tests and benchmarks: many followers at once (the same synthetic people the test seeds
 * into the app's database), how many got a message and how often, and the quota the OA used.
 */
export async function sandboxLoadRoutes(app: FastifyInstance, { world }: { world: SandboxWorld }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["sandbox"];

  r.post(
    "/sandbox/followers/seed",
    { schema: { tags, body: z.strictObject({ from: z.number().int().min(0).max(100_000_000), count: z.number().int().min(1).max(1_000_000) }) } },
    async (req) => {
      world.seedPreexisting(req.body.from, req.body.count, syntheticFollower);
      return { ok: true, users: world.users.size };
    },
  );

  /** Who got a message starting with `textPrefix`, and who got it more than once. */
  r.post("/sandbox/tally", { schema: { tags, body: z.strictObject({ textPrefix: z.string().min(1).max(200) }) } }, async (req) => {
    let recipients = 0;
    let messages = 0;
    let duplicates = 0;
    for (const list of world.sent.values()) {
      let n = 0;
      for (const m of list) if (messageText(m.message)?.startsWith(req.body.textPrefix)) n++;
      if (n > 0) recipients++;
      if (n > 1) duplicates++;
      messages += n;
    }
    return { recipients, messages, duplicates };
  });

  r.get("/sandbox/quota", { schema: { tags } }, async () => ({ ...world.quota, rateLimitPerMinute: world.faults.rateLimitPerMinute }));
}
