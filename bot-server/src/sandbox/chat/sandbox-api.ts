/** The sandbox's HTTP API (follow, send, seen, messages, users): answers are read defensively, as untrusted. */
export async function api(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const init: RequestInit = { method, headers: {}, cache: "no-store" };
  if (body !== undefined) {
    init.headers = { "content-type": "application/json" };
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return res.json();
}

export const enc = encodeURIComponent;

/** A message of GET /sandbox/messages with an id (those without one are skipped). */
export type OaMessageRow = { message_id: string; message?: unknown; time?: unknown };

export const isMessageRow = (m: unknown): m is OaMessageRow => !!m && typeof (m as { message_id?: unknown }).message_id === "string";
