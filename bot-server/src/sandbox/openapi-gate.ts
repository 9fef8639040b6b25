import type { FastifyRequest } from "fastify";
import type { SandboxWorld } from "./world.js";

/** Zalo's envelope: HTTP 200 either way, `error` 0 or negative. */
export const envelope = (error: number, message: string, data?: unknown) => (data === undefined ? { error, message } : { error, message, data });

/** The `data` query parameter Zalo's GET endpoints take (JSON); {} when missing or malformed. */
export function readData(q: unknown): Record<string, unknown> {
  try {
    const raw = (q as { data?: string }).data;
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Latency, injected errors, token and rate-limit checks shared by every OpenAPI call; null when the call may go on. */
export function openapiGate(world: SandboxWorld) {
  return async function gate(req: FastifyRequest): Promise<ReturnType<typeof envelope> | null> {
    const f = world.faults;
    if (f.latencyMs > 0) await new Promise((res) => setTimeout(res, f.latencyMs));
    const token = req.headers["access_token"];
    const state = world.accessTokenState(typeof token === "string" ? token : undefined);
    if (state === "invalid") return envelope(-216, "Access token is invalid");
    if (state === "expired") return envelope(-220, "Access token has expired");
    if (!world.takeQuota()) return envelope(-32, "The app has reached the request limit per minute");
    if (f.errorRate > 0 && Math.random() < f.errorRate) return envelope(f.errorCode, "Injected by the sandbox");
    return null;
  };
}
