import type { AxiosAdapter, AxiosResponse } from "axios";
import type { FastifyInstance } from "fastify";

/**
 * An axios adapter that answers requests with app.inject: in sandbox mode the server's Zalo clients reach the
 * sandbox routes of the same process through their real request code, without needing a listening port.
 */
export function injectAdapter(app: FastifyInstance): AxiosAdapter {
  return async (config) => {
    const base = new URL(config.baseURL ?? "http://sandbox.local");
    const url = new URL((config.url ?? "").replace(/^\//, ""), base.href.endsWith("/") ? base.href : `${base.href}/`);
    for (const [k, v] of Object.entries((config.params ?? {}) as Record<string, unknown>)) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(config.headers ?? {})) if (typeof v === "string") headers[k.toLowerCase()] = v;
    const res = await app.inject({
      method: (config.method ?? "get").toUpperCase() as "GET",
      url: url.pathname + url.search,
      headers,
      ...(config.data !== undefined ? { payload: config.data as string } : {}),
    });
    let data: unknown = res.payload;
    try {
      data = JSON.parse(res.payload);
    } catch {
      // not JSON: hand back the text, as axios does
    }
    const response: AxiosResponse = { data, status: res.statusCode, statusText: res.statusMessage, headers: res.headers as never, config, request: {} };
    return response;
  };
}
