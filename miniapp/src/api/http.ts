import axios, { type AxiosRequestConfig } from "axios";
import type { z } from "zod";

/** Inside Zalo the API is on its own HTTPS host (VITE_API_URL); the web preview is served by the API itself. */
const http = axios.create({ baseURL: import.meta.env.VITE_API_URL || "", timeout: 15_000 });

/** An address on the API's origin (posters, the picture beside a shared link), which the web preview shares. */
export const apiUrl = (path: string): URL => new URL(path, http.defaults.baseURL || window.location.origin);

/** A form's content refused field by field (a local lesson): where, the field's label, what is wrong. */
export interface FieldProblem {
  path: string;
  field: string;
  message: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
  /** Network down, timeout, server error or throttled: try again later, the data stays queued. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

interface Failed {
  response?: { status: number; data?: unknown };
  message: string;
}

/** The server's error answer ({ error, message }) as an ApiFailure; status 0 when nothing came back. */
function failure(e: Failed, body: { error?: string; message?: string; problems?: FieldProblem[] } | undefined): ApiFailure {
  const status = e.response?.status ?? 0;
  return new ApiFailure(status, body?.error ?? (status ? "http_error" : "network_error"), body?.message ?? e.message, body?.problems ?? []);
}

export interface Call {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  /** The session token of the signed-in person. */
  token?: string;
  body?: unknown;
  params?: Record<string, string | number>;
  /** A body that is not JSON (a recording): its type. */
  contentType?: string;
}

const config = (c: Call): AxiosRequestConfig => ({
  method: c.method,
  url: c.url,
  headers: { ...(c.token ? { authorization: `Bearer ${c.token}` } : {}), ...(c.contentType ? { "content-type": c.contentType } : {}) },
  ...(c.body !== undefined ? { data: c.body } : {}),
  ...(c.params ? { params: c.params } : {}),
});

/**
 * Sends a call and gives its answer as the route's response schema S (in shared/schemas) describes it. Only S's
 * type comes to the mini app, no zod: the server checks every answer against S before sending it.
 */
export async function request<S extends z.ZodType>(c: Call): Promise<z.output<S>> {
  try {
    return (await http.request<z.output<S>>(config(c))).data;
  } catch (e) {
    const err = e as Failed;
    throw failure(err, err.response?.data as Parameters<typeof failure>[1]);
  }
}

/** A file the server sends (CSV) as a Blob; a refusal's body arrives as a Blob too, and its message is read out of it. */
export async function requestFile(c: Call, type: string): Promise<Blob> {
  let blob: Blob;
  try {
    blob = (await http.request<Blob>({ ...config(c), responseType: "blob" })).data;
  } catch (e) {
    const err = e as Failed;
    const data = err.response?.data;
    const body = data instanceof Blob ? ((JSON.parse(await data.text().catch(() => "{}")) as { error?: string; message?: string }) ?? {}) : {};
    throw failure(err, body);
  }
  return new Blob([blob], { type });
}
