import type { AttemptEvent } from "../../../shared/schemas/api";
import type { Grade } from "../../../shared/lib/grading";
import type { RoleView } from "../../../shared/schemas/admin";
import { adminCalls, api, learnerCalls, teamCalls } from "../api/client";
import { adminApi, ensureSession } from "../api/session";
import { afterAttempt, afterLessonRead } from "./progress";
import { getState, setState, type TextSize } from "./store";
import { syncNow } from "./sync";
import { findAreaLesson } from "../lib/local-lessons";
import { uuid } from "../lib/uuid";
import { askToShareName, chatWithTheOa, followTheOa, type PreviewUser } from "../lib/zalo";

/** The learner read the last step of a lesson: remembered here at once, sent to the server when possible. */
export function recordLessonRead(lessonId: string): void {
  setState((s) => afterLessonRead(s, lessonId, { id: uuid(), at: new Date().toISOString() }));
  void syncNow();
}

/** A finished quiz: graded on the phone for the learner, re-graded by the server, which keeps the truth. */
export function recordAttempt(lessonId: string, answers: AttemptEvent["answers"], grade: Grade): void {
  setState((s) => {
    // The attempt is over: the next one is shuffled anew.
    const { [lessonId]: _done, ...quizSeeds } = s.quizSeeds;
    const version = findAreaLesson(lessonId, s.areaLessons)?.version;
    return { ...afterAttempt(s, lessonId, answers, grade, { id: uuid(), at: new Date().toISOString(), ...(version ? { version } : {}) }), quizSeeds };
  });
  void syncNow();
}

/** The seed of this lesson's quiz attempt in progress, made (and kept on the phone) when the attempt starts. */
export function quizSeed(lessonId: string): string {
  const have = getState().quizSeeds[lessonId];
  if (have) return have;
  const seed = uuid();
  setState((s) => ({ quizSeeds: { ...s.quizSeeds, [lessonId]: seed } }));
  return seed;
}

export function cycleTextSize(current: TextSize): void {
  setState({ textSize: ((current + 1) % 3) as TextSize });
}

/** Web preview only. Switching between sandbox users starts clean; the first choice keeps what was learned so far. */
export function chooseSandboxUser(userId: string): void {
  setState((s) =>
    s.sandboxUser && s.sandboxUser !== userId
      ? { sandboxUser: userId, session: null, adminRoles: [], newsUnread: 0, teamRole: null, creditAsked: false, progress: {}, queue: [], refSent: false }
      : { sandboxUser: userId, session: null, adminRoles: [], newsUnread: 0, teamRole: null },
  );
  void syncNow();
}

/** Asks the server whether the signed-in person is an official; a non-empty answer shows the "Quản trị" tab. */
export async function refreshAdminRoles(token: string): Promise<void> {
  try {
    const me = await adminCalls.me(token);
    if (getState().session?.token === token) setState({ adminRoles: me.roles });
  } catch {
    // Offline or an expired session: keep what is known; the next sign-in asks again.
  }
}

/** My roles, signing in when needed; kept for the nav bar's "Quản trị" tab. */
export async function loadAdminRoles(): Promise<RoleView[]> {
  const me = await adminApi.me();
  setState({ adminRoles: me.roles });
  return me.roles;
}

/** Whether I am in a team (the "Tổ của tôi" entry on Home). */
export async function refreshTeamRole(token: string): Promise<void> {
  try {
    const r = await teamCalls.myTeam(token);
    if (getState().session?.token === token) setState({ teamRole: r.team?.role ?? null });
  } catch {
    // Offline: keep what is known.
  }
}

/** True when the person opened the app through a team's or member's code and has not answered the consent screen. */
export async function needsCreditConsent(token: string): Promise<boolean> {
  const { ref, creditAsked } = getState();
  if (!ref || creditAsked) return false;
  try {
    const r = await teamCalls.creditStatus(token, ref);
    if (r.state !== "open") setState({ creditAsked: true });
    return r.state === "open";
  } catch {
    return false;
  }
}

let newsAskedAt = 0;

/** How many items of "Tin mới" are unread (the badge on Home); at most once a minute unless forced. */
export async function refreshNewsCount(token: string, force = false): Promise<void> {
  if (!force && Date.now() - newsAskedAt < 60_000) return;
  newsAskedAt = Date.now();
  try {
    const r = await learnerCalls.news(token);
    if (getState().session?.token === token) setState({ newsUnread: r.unread });
  } catch {
    // Offline: the badge keeps what it knew.
  }
}

/** The sandbox user the web preview plays, with their OA id (the stand-ins of authorize and followOA act for them). */
async function previewUser(): Promise<PreviewUser> {
  const s = getState();
  if (!s.sandbox || !s.sandboxUser) return null;
  try {
    const u = (await api.sandboxUsers()).users.find((x) => x.id === s.sandboxUser);
    return u ? { zaloUserId: u.id, idByOA: u.idByOA } : null;
  } catch {
    return null;
  }
}

/**
 * "Lưu tên của tôi": asks Zalo for the person's consent to read their name, then signs in again saying so, so the
 * server keeps the name. "refused" when they said no (they go on as "Người học"), "offline" when it could not be done.
 */
export async function saveMyName(): Promise<"saved" | "refused" | "offline"> {
  if (!(await askToShareName(await previewUser()))) return "refused";
  try {
    return (await ensureSession(true, true)) ? "saved" : "offline";
  } catch {
    return "offline";
  }
}

/** "Quan tâm OA để nhận tin". */
export async function followOa(): Promise<boolean> {
  const oaId = getState().oaId;
  if (!oaId) return false;
  const ok = await followTheOa(oaId, await previewUser());
  if (ok) setState({ followsOa: true });
  return ok;
}

/** "Nhắn tin cho OA". */
export async function chatWithOa(): Promise<boolean> {
  const oaId = getState().oaId;
  return oaId ? chatWithTheOa(oaId) : false;
}
