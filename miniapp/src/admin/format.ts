import type { RoleView } from "../../../shared/schemas/admin";
import { skills } from "../lib/course";
import type { CampaignStatus } from "../../../shared/schemas/campaign";

/** Same titles as shared/schemas/admin.ts's ROLE_TITLES (that module brings zod with it). */
export const ROLE_TITLES: Record<RoleView["role"], string> = {
  operator: "Người vận hành",
  province_official: "Cán bộ tỉnh",
  commune_official: "Cán bộ xã",
};

export function roleArea(r: RoleView): string {
  if (r.role === "operator") return "Toàn quốc";
  return r.areaName || r.areaCode;
}

export const STATUS_TITLES: Record<CampaignStatus, string> = {
  draft: "Bản nháp — chưa gửi",
  awaiting_approval: "Chờ cán bộ khác phê duyệt",
  scheduled: "Đã hẹn giờ gửi",
  sending: "Đang gửi",
  done: "Đã gửi xong",
  cancelled: "Đã hủy",
};

/** Short labels for the list of campaigns. */
export const STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: "Nháp",
  awaiting_approval: "Chờ phê duyệt",
  scheduled: "Đã hẹn giờ",
  sending: "Đang gửi",
  done: "Đã xong",
  cancelled: "Đã hủy",
};

/** The topics a follower can subscribe to: the course's six skills and the government's news. */
export const GOVERNMENT_TOPIC = { id: "chinh-quyen", title: "Tin chính quyền" } as const;
export const TOPICS: { id: string; title: string }[] = [...skills.map((s) => ({ id: s.id, title: s.short })), GOVERNMENT_TOPIC];
export const topicTitle = (id: string) => TOPICS.find((t) => t.id === id)?.title ?? id;

/** The same limit as the server (shared/schemas/oa.ts MAX_TEXT_CHARS): title, blank line and text in one message. */
export const MAX_TEXT_CHARS = 2000;
export const MAX_TITLE_CHARS = 100;
export const MAX_BUTTON_TITLE_CHARS = 20;

const numberFormat = new Intl.NumberFormat("vi-VN");
export const num = (n: number) => numberFormat.format(n);
export const vnd = (n: number) => `${numberFormat.format(n)} đồng`;

const timeFormat = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : timeFormat.format(d);
}
