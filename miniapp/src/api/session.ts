/**
 * The signed-in person's session: a valid token, renewed from the Zalo token (or the sandbox user in the web
 * preview) when it runs out; and the calls of the screens loaded on demand (Quản trị, Tổ của tôi) signed in for them.
 */
import { zaloAccessToken } from "../lib/zalo";
import { getState, setState } from "../state/store";
import { adminCalls, api, completionCalls, teamCalls } from "./client";
import { ApiFailure } from "./http";

/** A valid session token: the stored one, or a new one from the Zalo token (or the sandbox user in the preview). */
export async function ensureSession(force = false, userInfoConsent = false): Promise<string | null> {
  const s = getState();
  if (!force && s.session && Date.parse(s.session.expiresAt) - Date.now() > 60_000) return s.session.token;
  let access = await zaloAccessToken();
  if (!access && s.sandbox && s.sandboxUser) access = (await api.sandboxToken(s.sandboxUser)).access_token;
  if (!access) return null;
  const session = await api.signIn(access, userInfoConsent);
  setState({ session });
  return session.token;
}

/** Runs a call with a valid session token; an expired session is renewed once. */
export async function withSession<T>(fn: (token: string) => Promise<T>, notSignedIn = "Bạn cần đăng nhập bằng Zalo để dùng chức năng này."): Promise<T> {
  let token = await ensureSession();
  if (!token) throw new ApiFailure(401, "not_signed_in", notSignedIn);
  try {
    return await fn(token);
  } catch (e) {
    if (!(e instanceof ApiFailure) || e.status !== 401) throw e;
    token = await ensureSession(true);
    if (!token) throw e;
    return fn(token);
  }
}

type Calls = Record<string, (token: string, ...args: never[]) => Promise<unknown>>;
type SignedIn<T extends Calls> = { [K in keyof T]: T[K] extends (token: string, ...args: infer A) => infer R ? (...args: A) => R : never };

/** The same calls without the token argument: each runs withSession. */
function signedIn<T extends Calls>(calls: T, notSignedIn?: string): SignedIn<T> {
  const out: Record<string, unknown> = {};
  for (const [name, call] of Object.entries(calls)) out[name] = (...args: never[]) => withSession((token) => call(token, ...args), notSignedIn);
  return out as SignedIn<T>;
}

export const teamApi = signedIn(teamCalls);
export const completionApi = signedIn(completionCalls, "Bạn cần đăng nhập bằng Zalo để làm bài kiểm tra và nhận chứng nhận.");
export const adminApi = signedIn(adminCalls, "Bạn cần đăng nhập để dùng chức năng quản trị.");
