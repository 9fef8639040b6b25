import { createHmac } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";

export interface RecordedRequest {
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface GraphStub {
  /** http://127.0.0.1:<port>, the base URL to give a graph client or ZALO_GRAPH_URL. */
  url: string;
  requests: RecordedRequest[];
  /** What GET /v2.0/me answers for a token: a profile (checked against appsecret_proof) or a raw HTTP reply. */
  users: Map<string, { id: string | number; name?: string; user_id_by_oa?: string }>;
  /** When set, every request gets this HTTP status and body instead. */
  fail: { status: number; body: unknown } | null;
  close(): Promise<void>;
}

/**
 * A tiny stand-in for graph.zalo.me on a real port: it records each request and answers like Zalo does
 * (HTTP 200 with a non-zero `error` for an unknown token or a wrong appsecret_proof).
 */
export async function startGraphStub(appSecret: string): Promise<GraphStub> {
  const app: FastifyInstance = Fastify({ logger: false });
  const stub: Omit<GraphStub, "url" | "close"> = { requests: [], users: new Map(), fail: null };
  app.get("/v2.0/me", async (req, reply) => {
    stub.requests.push({ url: req.url, headers: { ...req.headers } });
    if (stub.fail) return reply.status(stub.fail.status).send(stub.fail.body);
    const token = req.headers["access_token"];
    const user = typeof token === "string" ? stub.users.get(token) : undefined;
    if (typeof token !== "string" || !user) return { error: 452, message: "Access token is invalid or has expired" };
    const proof = createHmac("sha256", appSecret).update(token).digest("hex");
    if (req.headers["appsecret_proof"] !== proof) return { error: -242, message: "Invalid appsecret_proof" };
    return { ...user, error: 0, message: "Success" };
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr !== "object") throw new Error("graph stub has no port");
  return Object.assign(stub, { url: `http://127.0.0.1:${addr.port}`, close: () => app.close() });
}
