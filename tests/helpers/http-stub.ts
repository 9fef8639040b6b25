import type { IncomingHttpHeaders } from "node:http";
import Fastify, { type FastifyInstance } from "fastify";

export interface StubRequest {
  url: string;
  headers: IncomingHttpHeaders;
  /** The bytes received, untouched. */
  raw: Buffer;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: Record<string, unknown> | null;
}

export interface StubAnswer {
  status: number;
  body?: unknown;
}

export interface HttpStub {
  /** http://127.0.0.1:<port> */
  url: string;
  requests: StubRequest[];
  /** How the stub answers each request; by default 200 {ok: true}. */
  respond: (req: StubRequest) => StubAnswer | Promise<StubAnswer>;
  close(): Promise<void>;
}

/**
 * A small HTTP server on a real port (127.0.0.1, port 0) that records every request with its raw bytes and
 * answers with what the test says: a stand-in for a webhook receiver or for one of Zalo's endpoints.
 */
export async function startHttpStub(): Promise<HttpStub> {
  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true });
  const stub: Omit<HttpStub, "url" | "close"> = { requests: [], respond: () => ({ status: 200, body: { ok: true } }) };
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  app.all("/*", async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let json: Record<string, unknown> | null = null;
    try {
      json = raw.length ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>) : null;
    } catch {
      json = null;
    }
    const r: StubRequest = { url: req.url, headers: { ...req.headers }, raw, json };
    stub.requests.push(r);
    const a = await stub.respond(r);
    return reply.status(a.status).send(a.body ?? "");
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr !== "object") throw new Error("stub has no port");
  return Object.assign(stub, { url: `http://127.0.0.1:${addr.port}`, close: () => app.close() });
}
