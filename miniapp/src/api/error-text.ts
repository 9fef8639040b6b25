import { ApiFailure } from "./http";

/** What to tell an official: the server's own (Vietnamese) message for a refusal, a plain sentence otherwise. */
export function adminErrorText(e: unknown): string {
  if (e instanceof ApiFailure) {
    if (e.status === 0) return "Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.";
    if (e.status >= 500) return "Máy chủ đang gặp lỗi. Vui lòng thử lại sau ít phút.";
    if (e.status === 401) return "Phiên đăng nhập đã hết hạn. Hãy mở lại ứng dụng để đăng nhập.";
    return e.message;
  }
  return "Đã có lỗi. Vui lòng thử lại.";
}

/** A sentence for a team member or resident: the server's own message for a refusal, or what to do when offline. */
export function errorText(e: unknown): string {
  if (e instanceof ApiFailure) {
    if (e.status === 0) return "Không kết nối được. Hãy kiểm tra mạng rồi thử lại.";
    return e.message;
  }
  return "Có lỗi xảy ra. Vui lòng thử lại.";
}
