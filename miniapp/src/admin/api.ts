/**
 * The officials' API client (/api/v1/admin/…), loaded only with the admin screens. Types come from the shared
 * zod schemas as types only: no zod in the mini app.
 */
import type { RoleView } from "../../../shared/schemas/admin";
import type { CampaignDraft, CampaignList, CampaignListItem, CampaignPlan, CampaignStats, CampaignStatus } from "../../../shared/schemas/campaign";

export type { CampaignList, CampaignListItem, CampaignStats, CampaignStatus };
import type { OaMessage } from "../../../shared/schemas/oa";
import type { Report } from "../../../shared/schemas/report";
import type { CommunePointInput, CommunePointView } from "../../../shared/schemas/commune-point";

export type { Report };
import { api, ApiFailure, auth, call, http } from "../lib/api";
import { signedInGet, signedInPost, withSession as withSessionOf } from "../lib/signed-in";
import { setState } from "../state/store";

export type { CampaignDraft, CampaignPlan, OaMessage, RoleView };

export interface UnansweredQuestion {
  id: number;
  text: string;
  communeCode: string | null;
  communeName: string | null;
  bestMatch: string | null;
  askedAt: string;
}

export interface CampaignView {
  id: number;
  status: CampaignStatus;
  draft: CampaignDraft;
  messages: OaMessage[];
  /** The same news as Zalo's promotion template (what goes to people a promotion reaches). */
  promotion: OaMessage;
  plan: CampaignPlan;
}

const NOT_SIGNED_IN = "Bạn cần đăng nhập để dùng chức năng quản trị.";
const withSession = <T>(fn: (token: string) => Promise<T>) => withSessionOf(fn, NOT_SIGNED_IN);
const post = <T>(url: string, body?: unknown) => signedInPost<T>(url, body, NOT_SIGNED_IN);
const get = <T>(url: string) => signedInGet<T>(url, undefined, NOT_SIGNED_IN);
export type ReportScopeQuery = { area: string } | { team: number };
const reportQuery = (q: ReportScopeQuery, weeks: number) => `${"area" in q ? `area=${encodeURIComponent(q.area)}` : `team=${q.team}`}&weeks=${weeks}`;

/** Fetches a CSV with the session (the Authorization header) and hands it to the browser as a download. */
function downloadCsv(path: string, filename: string): Promise<void> {
  return withSession(async (t) => {
    let blob: Blob;
    try {
      blob = (await http.get<Blob>(path, { ...auth(t), responseType: "blob" })).data;
    } catch (e) {
      // The error body arrives as a Blob too: read the server's message out of it.
      const err = e as { response?: { status: number; data?: unknown }; message: string };
      let body: { error?: string; message?: string } = {};
      if (err.response?.data instanceof Blob) body = (JSON.parse(await err.response.data.text().catch(() => "{}")) as typeof body) ?? {};
      const status = err.response?.status ?? 0;
      throw new ApiFailure(status, body.error ?? (status ? "http_error" : "network_error"), body.message ?? err.message);
    }
    const url = URL.createObjectURL(new Blob([blob], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });
}

const campaignUrl = (id: number) => `/api/v1/admin/campaigns/${encodeURIComponent(String(id))}`;

export const adminApi = {
  /** Also refreshes the roles kept for the nav bar. */
  me: () =>
    withSession(async (t) => {
      const me = await api.adminMe(t);
      setState({ adminRoles: me.roles });
      return me;
    }),
  questions: () => get<{ questions: UnansweredQuestion[] }>("/api/v1/admin/questions"),
  communePoint: (code: string) => get<CommunePointView>(`/api/v1/admin/communes/${encodeURIComponent(code)}/point`),
  setCommunePoint: (code: string, p: CommunePointInput) =>
    withSession((t) => call<CommunePointView>(http.put(`/api/v1/admin/communes/${encodeURIComponent(code)}/point`, p, auth(t)))),
  /** The campaigns of my area, newest first, 20 a page; `cursor` is the page before's nextCursor. */
  campaigns: (q: { awaitingMyApproval?: boolean; cursor?: string | null } = {}) => {
    const params = new URLSearchParams();
    if (q.awaitingMyApproval) params.set("awaitingMyApproval", "true");
    if (q.cursor) params.set("cursor", q.cursor);
    const qs = params.toString();
    return get<CampaignList>(`/api/v1/admin/campaigns${qs ? `?${qs}` : ""}`);
  },
  preview: (draft: CampaignDraft) => post<{ messages: OaMessage[]; promotion: OaMessage }>("/api/v1/admin/campaigns/preview", draft),
  create: (draft: CampaignDraft) => post<{ id: number; status: "draft" }>("/api/v1/admin/campaigns", draft),
  campaign: (id: number) => get<CampaignView>(campaignUrl(id)),
  send: (id: number, at?: string) => post<{ status: CampaignStatus }>(`${campaignUrl(id)}/send`, at ? { at } : {}),
  approve: (id: number) => post<{ status: CampaignStatus }>(`${campaignUrl(id)}/approve`),
  cancel: (id: number) => post<{ status: "cancelled"; stopped: number }>(`${campaignUrl(id)}/cancel`),
  stats: (id: number) => get<CampaignStats>(`${campaignUrl(id)}/stats`),
  /** The CSV needs the Authorization header, so it is fetched here and handed to the browser as a Blob URL. */
  downloadStatsCsv: (id: number) => downloadCsv(`${campaignUrl(id)}/stats.csv`, `chien-dich-${id}.csv`),
  /** The report of an area (a province or commune code) or of a team. */
  report: (q: ReportScopeQuery, weeks = 12) => get<Report>(`/api/v1/admin/reports?${reportQuery(q, weeks)}`),
  downloadReportCsv: (q: ReportScopeQuery, weeks = 12) => downloadCsv(`/api/v1/admin/reports.csv?${reportQuery(q, weeks)}`, `bao-cao-${"area" in q ? q.area : `to-${q.team}`}.csv`),
};

/** What to tell the official: the server's own (Vietnamese) message for a refusal, a plain sentence otherwise. */
export function errorText(e: unknown): string {
  if (e instanceof ApiFailure) {
    if (e.status === 0) return "Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.";
    if (e.status >= 500) return "Máy chủ đang gặp lỗi. Vui lòng thử lại sau ít phút.";
    if (e.status === 401) return "Phiên đăng nhập đã hết hạn. Hãy mở lại ứng dụng để đăng nhập.";
    return e.message;
  }
  return "Đã có lỗi. Vui lòng thử lại.";
}
