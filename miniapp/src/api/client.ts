/**
 * The one API client: a function per endpoint, its answer typed by the route's response schema in shared/.
 * Calls of the signed-in person take the session token first; api/session.ts gives the screens the same calls
 * signed in for them.
 */
import type { CommunePointInput, communePointSchema } from "../../../shared/schemas/commune-point";
import type { CampaignDraft, campaignListSchema, campaignStatsSchema } from "../../../shared/schemas/campaign";
import type { metaResponseSchema, progressResponseSchema, signInResponseSchema, SyncRequest, syncResponseSchema } from "../../../shared/schemas/api";
import type { eraseResponseSchema, myDataExportSchema } from "../../../shared/schemas/me-data";
import type { newsResponseSchema } from "../../../shared/schemas/news";
import type { reportSchema } from "../../../shared/schemas/report";
import type { adminMeSchema } from "../../../shared/schemas/responses/admin";
import type { recordingSavedSchema } from "../../../shared/schemas/audio";
import type { BulletinChange, BulletinCreate, bulletinListSchema, bulletinSavedSchema } from "../../../shared/schemas/bulletin";
import type {
  areaLessonsSchema,
  localImageSchema,
  LocalLessonChange,
  localLessonListSchema,
  localLessonSavedSchema,
  myCommuneSchema,
} from "../../../shared/schemas/local-lesson";
import type {
  AreaFaqChange,
  areaFaqListSchema,
  areaFaqSavedSchema,
  AreaFaqDraft,
  questionAnsweredSchema,
  questionListSchema,
  questionStatsSchema,
} from "../../../shared/schemas/questions";
import type { communesSchema } from "../../../shared/schemas/responses/areas";
import type {
  campaignApprovedSchema,
  campaignCancelledSchema,
  campaignCreatedSchema,
  campaignPreviewSchema,
  campaignSentSchema,
  campaignViewSchema,
} from "../../../shared/schemas/responses/campaigns";
import type { newsReadSchema } from "../../../shared/schemas/responses/news";
import type { sandboxTokenSchema, sandboxUsersSchema } from "../../../shared/schemas/responses/sandbox";
import type { joinedTeamSchema, memberRemovedSchema } from "../../../shared/schemas/responses/teams";
import type {
  creditResultSchema,
  creditStatusSchema,
  invitePreviewSchema,
  inviteSchema,
  membersSchema,
  myTeamSchema,
  personSchema,
  teamListSchema,
  teamSchema,
  VisitRequest,
  visitSchema,
  visitsSchema,
} from "../../../shared/schemas/team";
import type {
  AssessmentAnswers,
  assessmentAttemptSchema,
  assessmentResultSchema,
  completionsSchema,
  handsOnCodeSchema,
  handsOnPreviewSchema,
  myCertificatesSchema,
  skillCompletionSchema,
} from "../../../shared/schemas/assessment";
import type { adminCertificatesSchema, certificateRevokedSchema } from "../../../shared/schemas/certificate";
import type { adultsSchema, erasedSchema, HouseholdPersonRequest, ledgerPersonSchema, ledgerSchema } from "../../../shared/schemas/ledger";
import { request, requestFile } from "./http";

const id = (n: number) => encodeURIComponent(String(n));
const campaignUrl = (campaignId: number) => `/api/v1/admin/campaigns/${id(campaignId)}`;
const teamUrl = (teamId: number) => `/api/v1/teams/${id(teamId)}`;
const CSV = "text/csv;charset=utf-8";

/** A report of an area (a province or commune code) or of a team. */
export type ReportScopeQuery = { area: string } | { team: number };
const reportParams = (q: ReportScopeQuery, weeks: number) => ({ ...("area" in q ? { area: q.area } : { team: q.team }), weeks });

/** Anyone may call these. */
export const api = {
  meta: () => request<typeof metaResponseSchema>({ method: "GET", url: "/api/v1/meta" }),
  signIn: (accessToken: string, userInfoConsent = false) =>
    request<typeof signInResponseSchema>({ method: "POST", url: "/api/v1/auth/zalo", body: { accessToken, ...(userInfoConsent ? { userInfoConsent } : {}) } }),
  sandboxUsers: () => request<typeof sandboxUsersSchema>({ method: "GET", url: "/sandbox/users" }),
  sandboxToken: (userId: string) => request<typeof sandboxTokenSchema>({ method: "POST", url: `/sandbox/users/${encodeURIComponent(userId)}/token` }),
  /** Communes matching a name (tone marks optional), of one province or of all. */
  communes: (q: string, province: string | null, limit: number) =>
    request<typeof communesSchema>({ method: "GET", url: "/api/v1/areas/communes", params: { q, limit, ...(province ? { province } : {}) } }),
  /** The published local lessons of a commune and its province. */
  areaLessons: (commune: string) => request<typeof areaLessonsSchema>({ method: "GET", url: "/api/v1/local-lessons", params: { commune } }),
};

/** The learner's own: progress, "Tin mới", their data. */
export const learnerCalls = {
  sync: (token: string, body: SyncRequest) => request<typeof syncResponseSchema>({ method: "POST", url: "/api/v1/progress/sync", token, body }),
  progress: (token: string) => request<typeof progressResponseSchema>({ method: "GET", url: "/api/v1/progress", token }),
  /** News held for me (the OA could not push it), the latest 20, and how many are unread. */
  news: (token: string) => request<typeof newsResponseSchema>({ method: "GET", url: "/api/v1/me/news", token }),
  readNews: (token: string, campaignId: number) =>
    request<typeof newsReadSchema>({ method: "POST", url: `/api/v1/me/news/${campaignId}/read`, token, body: {} }),
  readAnswer: (token: string, questionId: number) =>
    request<typeof newsReadSchema>({ method: "POST", url: `/api/v1/me/news/answers/${questionId}/read`, token, body: {} }),
  myCommune: (token: string) => request<typeof myCommuneSchema>({ method: "GET", url: "/api/v1/me/commune", token }),
  exportMyData: (token: string) => request<typeof myDataExportSchema>({ method: "GET", url: "/api/v1/me/export", token }),
  eraseMe: (token: string) => request<typeof eraseResponseSchema>({ method: "DELETE", url: "/api/v1/me", token, body: { confirm: "XOA" } }),
};

const skillUrl = (skill: string) => encodeURIComponent(skill);

/** Completing a skill: its final assessment, hands-on tasks (the resident's code; the member's confirmation), certificates. */
export const completionCalls = {
  completions: (token: string) => request<typeof completionsSchema>({ method: "GET", url: "/api/v1/me/completions", token }),
  completion: (token: string, skill: string) =>
    request<typeof skillCompletionSchema>({ method: "GET", url: `/api/v1/me/completions/${skillUrl(skill)}`, token }),
  startAssessment: (token: string, skill: string) =>
    request<typeof assessmentAttemptSchema>({ method: "POST", url: `/api/v1/me/assessments/${skillUrl(skill)}/attempts`, token, body: {} }),
  submitAssessment: (token: string, attemptId: string, body: AssessmentAnswers) =>
    request<typeof assessmentResultSchema>({ method: "POST", url: `/api/v1/me/assessments/attempts/${encodeURIComponent(attemptId)}`, token, body }),
  handsOnCode: (token: string, skill: string, consentVersion: string) =>
    request<typeof handsOnCodeSchema>({ method: "POST", url: `/api/v1/me/hands-on/${skillUrl(skill)}/code`, token, body: { consentVersion } }),
  previewHandsOn: (token: string, code: string) =>
    request<typeof handsOnPreviewSchema>({ method: "GET", url: `/api/v1/teams/hands-on/${encodeURIComponent(code)}`, token }),
  confirmHandsOn: (token: string, code: string, tasks: string[]) =>
    request<typeof handsOnPreviewSchema>({ method: "POST", url: `/api/v1/teams/hands-on/${encodeURIComponent(code)}/confirm`, token, body: { tasks } }),
  ledger: (token: string) => request<typeof ledgerSchema>({ method: "GET", url: "/api/v1/teams/ledger", token }),
  addHouseholdPerson: (token: string, body: HouseholdPersonRequest) =>
    request<typeof ledgerPersonSchema>({ method: "POST", url: "/api/v1/teams/ledger", token, body }),
  addOutcomes: (token: string, personId: string, outcomes: string[]) =>
    request<typeof ledgerPersonSchema>({ method: "POST", url: `/api/v1/teams/ledger/${encodeURIComponent(personId)}/outcomes`, token, body: { outcomes } }),
  erasePerson: (token: string, personId: string) =>
    request<typeof erasedSchema>({ method: "DELETE", url: `/api/v1/teams/ledger/${encodeURIComponent(personId)}`, token }),
  mergePerson: (token: string, personId: string, code: string) =>
    request<typeof ledgerPersonSchema>({ method: "POST", url: `/api/v1/teams/ledger/${encodeURIComponent(personId)}/merge`, token, body: { code } }),
  outcomesByCode: (token: string, code: string, outcomes: string[]) =>
    request<typeof ledgerPersonSchema>({ method: "POST", url: `/api/v1/teams/hands-on/${encodeURIComponent(code)}/outcomes`, token, body: { outcomes } }),
  certificates: (token: string) => request<typeof myCertificatesSchema>({ method: "GET", url: "/api/v1/me/certificates", token }),
  claimCertificate: (token: string, skill: string, name: string) =>
    request<typeof myCertificatesSchema>({ method: "POST", url: "/api/v1/me/certificates", token, body: { skill, name } }),
  certificateFile: (token: string, code: string, format: "pdf" | "png") =>
    requestFile(
      { method: "GET", url: `/api/v1/me/certificates/${encodeURIComponent(code)}.${format}`, token },
      format === "pdf" ? "application/pdf" : "image/png",
    ),
};

/** Tổ công nghệ số cộng đồng: my team, invites, members, visits, residents' credit; officials' team management. */
export const teamCalls = {
  myTeam: (token: string) => request<typeof myTeamSchema>({ method: "GET", url: "/api/v1/me/team", token }),
  previewInvite: (token: string, code: string) =>
    request<typeof invitePreviewSchema>({ method: "POST", url: "/api/v1/teams/invites/preview", token, body: { code } }),
  join: (token: string, code: string) => request<typeof joinedTeamSchema>({ method: "POST", url: "/api/v1/teams/join", token, body: { code } }),
  invite: (token: string, teamId: number) => request<typeof inviteSchema>({ method: "POST", url: `${teamUrl(teamId)}/invites`, token, body: {} }),
  members: (token: string, teamId: number) => request<typeof membersSchema>({ method: "GET", url: `${teamUrl(teamId)}/members`, token }),
  removeMember: (token: string, teamId: number, learnerId: string) =>
    request<typeof memberRemovedSchema>({ method: "DELETE", url: `${teamUrl(teamId)}/members/${encodeURIComponent(learnerId)}`, token }),
  recordVisit: (token: string, v: VisitRequest) => request<typeof visitSchema>({ method: "POST", url: "/api/v1/me/visits", token, body: v }),
  visits: (token: string) => request<typeof visitsSchema>({ method: "GET", url: "/api/v1/me/visits", token }),
  creditStatus: (token: string, ref: string) => request<typeof creditStatusSchema>({ method: "GET", url: "/api/v1/me/credit", token, params: { ref } }),
  credit: (token: string, ref: string, consentVersion: string) =>
    request<typeof creditResultSchema>({ method: "POST", url: "/api/v1/me/credit", token, body: { ref, consentVersion, agree: true } }),
  teams: (token: string, area?: string) =>
    request<typeof teamListSchema>({ method: "GET", url: "/api/v1/admin/teams", token, ...(area ? { params: { area } } : {}) }),
  createTeam: (token: string, communeCode: string, name: string) =>
    request<typeof teamSchema>({ method: "POST", url: "/api/v1/admin/teams", token, body: { communeCode, name } }),
  nameLeader: (token: string, teamId: number, who: { learnerId: string } | { zaloUserId: string }) =>
    request<typeof personSchema>({ method: "PUT", url: `/api/v1/admin/teams/${id(teamId)}/leader`, token, body: who }),
};

/** The officials' screens (/api/v1/admin/…). */
export const adminCalls = {
  me: (token: string) => request<typeof adminMeSchema>({ method: "GET", url: "/api/v1/admin/me", token }),
  certificates: (token: string, q: string) =>
    request<typeof adminCertificatesSchema>({ method: "GET", url: "/api/v1/admin/certificates", token, ...(q ? { params: { q } } : {}) }),
  setAdults: (token: string, code: string, adults: number | null) =>
    request<typeof adultsSchema>({ method: "PUT", url: `/api/v1/admin/communes/${encodeURIComponent(code)}/adults`, token, body: { adults } }),
  revokeCertificate: (token: string, code: string, reason: string) =>
    request<typeof certificateRevokedSchema>({ method: "POST", url: `/api/v1/admin/certificates/${encodeURIComponent(code)}/revoke`, token, body: { reason } }),
  questions: (token: string, status: "open" | "answered" = "open") =>
    request<typeof questionListSchema>({ method: "GET", url: "/api/v1/admin/questions", token, params: { status } }),
  questionStats: (token: string) => request<typeof questionStatsSchema>({ method: "GET", url: "/api/v1/admin/questions/stats", token }),
  answerQuestion: (token: string, questionId: number, text: string) =>
    request<typeof questionAnsweredSchema>({ method: "POST", url: `/api/v1/admin/questions/${id(questionId)}/answer`, token, body: { text } }),
  addToFaq: (token: string, questionId: number, entry: AreaFaqDraft & { scope: "commune" | "province" }) =>
    request<typeof areaFaqSavedSchema>({ method: "POST", url: `/api/v1/admin/questions/${id(questionId)}/faq`, token, body: entry }),
  recordStep: (token: string, lessonId: string, step: number, audio: Blob) =>
    request<typeof recordingSavedSchema>({
      method: "POST",
      url: `/api/v1/admin/lessons/${encodeURIComponent(lessonId)}/steps/${step}/recording`,
      token,
      body: audio,
      contentType: audio.type || "application/octet-stream",
    }),
  removeRecording: (token: string, lessonId: string, step: number) =>
    request<typeof recordingSavedSchema>({ method: "DELETE", url: `/api/v1/admin/lessons/${encodeURIComponent(lessonId)}/steps/${step}/recording`, token }),
  bulletins: (token: string) => request<typeof bulletinListSchema>({ method: "GET", url: "/api/v1/admin/bulletins", token }),
  createBulletin: (token: string, body: BulletinCreate) => request<typeof bulletinSavedSchema>({ method: "POST", url: "/api/v1/admin/bulletins", token, body }),
  changeBulletin: (token: string, id: number, change: BulletinChange) =>
    request<typeof bulletinSavedSchema>({ method: "PATCH", url: `/api/v1/admin/bulletins/${id}`, token, body: change }),
  recordBulletin: (token: string, id: number, audio: Blob) =>
    request<typeof bulletinSavedSchema>({
      method: "POST",
      url: `/api/v1/admin/bulletins/${id}/recording`,
      token,
      body: audio,
      contentType: audio.type || "application/octet-stream",
    }),
  bulletinMp3: (token: string, id: number) => requestFile({ method: "GET", url: `/api/v1/admin/bulletins/${id}/audio.mp3`, token }, "audio/mpeg"),
  bulletinText: (token: string, id: number) =>
    requestFile({ method: "GET", url: `/api/v1/admin/bulletins/${id}/script.txt`, token }, "text/plain;charset=utf-8"),
  localLessons: (token: string) => request<typeof localLessonListSchema>({ method: "GET", url: "/api/v1/admin/local-lessons", token }),
  createLocalLesson: (token: string, areaCode: string, content: unknown) =>
    request<typeof localLessonSavedSchema>({ method: "POST", url: "/api/v1/admin/local-lessons", token, body: { areaCode, content } }),
  changeLocalLesson: (token: string, lessonId: string, change: LocalLessonChange) =>
    request<typeof localLessonSavedSchema>({ method: "PATCH", url: `/api/v1/admin/local-lessons/${encodeURIComponent(lessonId)}`, token, body: change }),
  uploadImage: (token: string, areaCode: string, image: Blob) =>
    request<typeof localImageSchema>({
      method: "POST",
      url: "/api/v1/admin/local-images",
      token,
      params: { area: areaCode },
      body: image,
      contentType: image.type || "application/octet-stream",
    }),
  areaFaq: (token: string) => request<typeof areaFaqListSchema>({ method: "GET", url: "/api/v1/admin/faq", token }),
  changeAreaFaq: (token: string, entryId: string, change: AreaFaqChange) =>
    request<typeof areaFaqSavedSchema>({ method: "PATCH", url: `/api/v1/admin/faq/${encodeURIComponent(entryId)}`, token, body: change }),
  communePoint: (token: string, code: string) =>
    request<typeof communePointSchema>({ method: "GET", url: `/api/v1/admin/communes/${encodeURIComponent(code)}/point`, token }),
  setCommunePoint: (token: string, code: string, p: CommunePointInput) =>
    request<typeof communePointSchema>({ method: "PUT", url: `/api/v1/admin/communes/${encodeURIComponent(code)}/point`, token, body: p }),
  /** The campaigns of my area, newest first, 20 a page; `cursor` is the page before's nextCursor. */
  campaigns: (token: string, q: { awaitingMyApproval?: boolean; cursor?: string | null } = {}) =>
    request<typeof campaignListSchema>({
      method: "GET",
      url: "/api/v1/admin/campaigns",
      token,
      params: { ...(q.awaitingMyApproval ? { awaitingMyApproval: "true" } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) },
    }),
  preview: (token: string, draft: CampaignDraft) =>
    request<typeof campaignPreviewSchema>({ method: "POST", url: "/api/v1/admin/campaigns/preview", token, body: draft }),
  create: (token: string, draft: CampaignDraft) =>
    request<typeof campaignCreatedSchema>({ method: "POST", url: "/api/v1/admin/campaigns", token, body: draft }),
  campaign: (token: string, campaignId: number) => request<typeof campaignViewSchema>({ method: "GET", url: campaignUrl(campaignId), token }),
  send: (token: string, campaignId: number, at?: string) =>
    request<typeof campaignSentSchema>({ method: "POST", url: `${campaignUrl(campaignId)}/send`, token, body: at ? { at } : {} }),
  approve: (token: string, campaignId: number) =>
    request<typeof campaignApprovedSchema>({ method: "POST", url: `${campaignUrl(campaignId)}/approve`, token, body: {} }),
  cancel: (token: string, campaignId: number) =>
    request<typeof campaignCancelledSchema>({ method: "POST", url: `${campaignUrl(campaignId)}/cancel`, token, body: {} }),
  stats: (token: string, campaignId: number) => request<typeof campaignStatsSchema>({ method: "GET", url: `${campaignUrl(campaignId)}/stats`, token }),
  statsCsv: (token: string, campaignId: number) => requestFile({ method: "GET", url: `${campaignUrl(campaignId)}/stats.csv`, token }, CSV),
  report: (token: string, q: ReportScopeQuery, weeks = 12) =>
    request<typeof reportSchema>({ method: "GET", url: "/api/v1/admin/reports", token, params: reportParams(q, weeks) }),
  reportCsv: (token: string, q: ReportScopeQuery, weeks = 12) =>
    requestFile({ method: "GET", url: "/api/v1/admin/reports.csv", token, params: reportParams(q, weeks) }, CSV),
};
