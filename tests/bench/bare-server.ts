/** The baseline: a bare Fastify route that takes the same JSON body and answers without any work. */
import Fastify from "fastify";

const app = Fastify({ logger: false, bodyLimit: 262_144 });
app.post("/bare", async (req) => {
  const body = req.body as { events?: { id: string }[] };
  return { results: (body.events ?? []).map((e) => ({ id: e.id, status: "accepted" })) };
});
await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0) });
