/**
 * Calls that need a signed-in person, for the screens loaded on demand (Quản trị, Tổ của tôi): a valid session
 * token, an expired session renewed once.
 */
import { ensureSession } from "../state/sync";
import { ApiFailure, auth, call, http } from "./api";

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

export const signedInGet = <T>(url: string, params?: Record<string, string>, notSignedIn?: string) =>
  withSession((t) => call<T>(http.get(url, { ...auth(t), ...(params ? { params } : {}) })), notSignedIn);

export const signedInPost = <T>(url: string, body?: unknown, notSignedIn?: string) => withSession((t) => call<T>(http.post(url, body ?? {}, auth(t))), notSignedIn);
