import axios, { AxiosError } from "axios";
import type { RoleView } from "../../../shared/schemas/admin";
import type { NewsResponse } from "../../../shared/schemas/news";
import type {
  MetaResponse,
  ProgressResponse,
  SandboxUser,
  SignInResponse,
  SyncRequest,
  SyncResponse,
} from "../../../shared/schemas/api";

/** Inside Zalo the API is on its own HTTPS host (VITE_API_URL); the web preview is served by the API itself. */
export const http = axios.create({ baseURL: import.meta.env.VITE_API_URL || "", timeout: 15_000 });

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** Network down, timeout, server error or throttled: try again later, the data stays queued. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

export async function call<T>(p: Promise<{ data: T }>): Promise<T> {
  try {
    return (await p).data;
  } catch (e) {
    const err = e as AxiosError<{ error?: string; message?: string }>;
    const status = err.response?.status ?? 0;
    throw new ApiFailure(status, err.response?.data?.error ?? (status ? "http_error" : "network_error"), err.response?.data?.message ?? err.message);
  }
}

export const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

export const api = {
  meta: () => call<MetaResponse>(http.get("/api/v1/meta")),
  signIn: (accessToken: string, userInfoConsent = false) => call<SignInResponse>(http.post("/api/v1/auth/zalo", { accessToken, ...(userInfoConsent ? { userInfoConsent } : {}) })),
  sync: (token: string, body: SyncRequest) => call<SyncResponse>(http.post("/api/v1/progress/sync", body, auth(token))),
  progress: (token: string) => call<ProgressResponse>(http.get("/api/v1/progress", auth(token))),
  sandboxUsers: () => call<{ users: SandboxUser[] }>(http.get("/sandbox/users")),
  sandboxToken: (userId: string) => call<{ access_token: string }>(http.post(`/sandbox/users/${encodeURIComponent(userId)}/token`)),
  /** "Tin mới": news held for me (the OA could not push it), the latest 20, and how many are unread. */
  news: (token: string) => call<NewsResponse>(http.get("/api/v1/me/news", auth(token))),
  readNews: (token: string, campaignId: number) => call<{ read: true }>(http.post(`/api/v1/me/news/${campaignId}/read`, {}, auth(token))),
  /** My official roles: empty for everyone else (the admin screens themselves are loaded only for officials). */
  myTeam: (token: string) => call<{ team: { role: "member" | "leader" } | null }>(http.get("/api/v1/me/team", auth(token))),
  creditState: (token: string, ref: string) => call<{ state: "none" | "open" | "credited" }>(http.get("/api/v1/me/credit", { ...auth(token), params: { ref } })),
  adminMe: (token: string) => call<{ zaloUserId: string; roles: RoleView[] }>(http.get("/api/v1/admin/me", auth(token))),
};
