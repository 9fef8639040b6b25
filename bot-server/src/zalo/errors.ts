/** What to do about a failed call to Zalo's OA API (../shared/zalo-platform.md, error table). */
export type ZaloErrorClass = "retry" | "refresh" | "unreachable" | "quota" | "permanent";

const RETRY = new Set([-32, -100]);
const REFRESH = new Set([-216, -220]);
// Outside the 48 h / 7 day window or not reachable now: the item waits in the person's inbox instead.
const UNREACHABLE = new Set([-213, -217, -227, -230, -232, -234, -244]);
// The OA's quota is spent (-211) or Zalo Cloud money is missing (-320, -321): held for the inbox, and alerted.
const QUOTA = new Set([-211, -320, -321]);

export function classifyZaloError(code: number): ZaloErrorClass {
  if (RETRY.has(code)) return "retry";
  if (REFRESH.has(code)) return "refresh";
  if (UNREACHABLE.has(code)) return "unreachable";
  if (QUOTA.has(code)) return "quota";
  return "permanent";
}

export class ZaloApiError extends Error {
  readonly errorClass: ZaloErrorClass;
  constructor(
    readonly code: number,
    message: string,
    errorClass?: ZaloErrorClass,
  ) {
    super(`Zalo error ${code}: ${message}`);
    this.name = "ZaloApiError";
    this.errorClass = errorClass ?? classifyZaloError(code);
  }
}

/** Codes for failures that never reached Zalo's envelope: timeouts and HTTP 5xx are retried. */
export const NETWORK_ERROR = -1;
export const HTTP_ERROR = -2;
