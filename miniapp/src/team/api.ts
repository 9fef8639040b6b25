/**
 * The team API client (/api/v1/teams/…, /api/v1/me/team|visits|credit, /api/v1/admin/teams), loaded only with the
 * team screens. Types come from the shared zod schemas as types only: no zod in the mini app.
 */
import type { CreditStatus, MemberView, MyTeam, TeamList, TeamView } from "../../../shared/schemas/team";
import { ApiFailure, auth, call, http } from "../lib/api";
import { signedInGet, signedInPost, withSession } from "../lib/signed-in";

export type { CreditStatus, MemberView, MyTeam, TeamList, TeamView };
export interface Invite {
  code: string;
  expiresAt: string;
  link: string;
}
export interface VisitView {
  id: string;
  household: string;
  visitedOn: string;
  kinds: string[];
  createdAt: string;
}

const get = <T>(url: string, params?: Record<string, string>) => signedInGet<T>(url, params);
const post = <T>(url: string, body?: unknown) => signedInPost<T>(url, body);
const teamUrl = (id: number) => `/api/v1/teams/${encodeURIComponent(String(id))}`;

export const teamApi = {
  myTeam: () => get<MyTeam>("/api/v1/me/team"),
  previewInvite: (code: string) => post<{ teamId: number; teamName: string; communeName: string; expiresAt: string }>("/api/v1/teams/invites/preview", { code }),
  join: (code: string) => post<{ teamId: number; teamName: string; communeName: string; refCode: string }>("/api/v1/teams/join", { code }),
  invite: (teamId: number) => post<Invite>(`${teamUrl(teamId)}/invites`),
  members: (teamId: number) => get<{ members: MemberView[] }>(`${teamUrl(teamId)}/members`),
  removeMember: (teamId: number, learnerId: string) => withSession((t) => call<{ removed: true }>(http.delete(`${teamUrl(teamId)}/members/${encodeURIComponent(learnerId)}`, auth(t)))),
  recordVisit: (v: { id: string; household: string; visitedOn: string; kinds: string[] }) => post<VisitView>("/api/v1/me/visits", v),
  visits: () => get<{ visits: VisitView[] }>("/api/v1/me/visits"),
  creditStatus: (ref: string) => get<CreditStatus>("/api/v1/me/credit", { ref }),
  credit: (ref: string, consentVersion: string) => post<{ credited: true; teamName: string }>("/api/v1/me/credit", { ref, consentVersion, agree: true }),
  teams: (area?: string) => get<TeamList>("/api/v1/admin/teams", area ? { area } : undefined),
  createTeam: (communeCode: string, name: string) => post<TeamView>("/api/v1/admin/teams", { communeCode, name }),
  nameLeader: (teamId: number, who: { learnerId: string } | { zaloUserId: string }) =>
    withSession((t) => call<{ learnerId: string; name: string }>(http.put(`/api/v1/admin/teams/${encodeURIComponent(String(teamId))}/leader`, who, auth(t)))),
};

/** A sentence for the person: the server's own message for a refusal, or what to do when offline. */
export function errorText(e: unknown): string {
  if (e instanceof ApiFailure) {
    if (e.status === 0) return "Không kết nối được. Hãy kiểm tra mạng rồi thử lại.";
    return e.message;
  }
  return "Có lỗi xảy ra. Vui lòng thử lại.";
}

/** A QR code as a PNG data URL (the qrcode package is loaded with the team screens only). */
export async function qrDataUrl(text: string): Promise<string> {
  const { toDataURL } = await import("qrcode");
  return toDataURL(text, { errorCorrectionLevel: "M", margin: 2, width: 480, color: { dark: "#000000", light: "#ffffff" } });
}
