import axios, { type AxiosAdapter } from "axios";
import { Agent, request } from "undici";

export interface HttpRequest {
  method: "get" | "post";
  /** Below the base URL: "/v3.0/oa/message/cs". */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  headers: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  /** The JSON body, or the text when it is not JSON. */
  data: unknown;
}

/** How the OA client reaches Zalo: undici over the network, or an axios adapter (the in-process sandbox). */
export type Transport = (r: HttpRequest) => Promise<HttpResponse>;

/**
 * undici with connections kept open: several times cheaper per call than axios, which matters when a campaign
 * sends thousands of messages a second to a sandbox with its limit lifted.
 */
export function undiciTransport(baseUrl: string, timeoutMs: number): Transport {
  const base = baseUrl.replace(/\/$/, "");
  const dispatcher = new Agent({
    connections: 128,
    keepAliveTimeout: 10_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: timeoutMs },
  });
  return async (r) => {
    const query = r.params ? `?${new URLSearchParams(r.params).toString()}` : "";
    const res = await request(`${base}${r.path}${query}`, {
      dispatcher,
      method: r.method === "get" ? "GET" : "POST",
      headers: r.headers,
      ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }),
    });
    const text = await res.body.text();
    try {
      return { status: res.statusCode, data: JSON.parse(text) as unknown };
    } catch {
      return { status: res.statusCode, data: text };
    }
  };
}

/** Through an axios adapter: the sandbox mounted in this very server answers by app.inject, without a socket. */
export function adapterTransport(baseUrl: string, timeoutMs: number, adapter: AxiosAdapter): Transport {
  const http = axios.create({ baseURL: baseUrl.replace(/\/$/, ""), timeout: timeoutMs, validateStatus: () => true, adapter });
  return async (r) => {
    const res = await http.request({ method: r.method, url: r.path, data: r.body, params: r.params, headers: r.headers });
    return { status: res.status, data: res.data as unknown };
  };
}
