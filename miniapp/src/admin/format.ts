import type { RoleView } from "../../../shared/schemas/admin";
import { topicsOf } from "../../../shared/lib/topics";
import { skills } from "../lib/course";
import type { CampaignStatus } from "../../../shared/schemas/campaign";

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

/** The topics a follower can subscribe to. */
export const TOPICS = topicsOf(skills);
export const topicTitle = (id: string) => TOPICS.find((t) => t.id === id)?.title ?? id;

const numberFormat = new Intl.NumberFormat("vi-VN");
export const num = (n: number) => numberFormat.format(n);
export const vnd = (n: number) => `${numberFormat.format(n)} đồng`;
