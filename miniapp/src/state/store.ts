import { useSyncExternalStore } from "react";
import type { RoleView } from "../../../shared/schemas/admin";
import type { SignInResponse, SyncEvent } from "../../../shared/schemas/api";
import type { AreaLessons } from "../../../shared/schemas/local-lesson";
import { store as storage } from "../lib/zalo";

export interface LocalLessonProgress {
  read: boolean;
  attempts: number;
  bestScorePct: number | null;
  passed: boolean;
}

export type TextSize = 0 | 1 | 2;

export interface State {
  session: SignInResponse | null;
  /** Web preview in sandbox mode only: which sandbox Zalo user to sign in as. */
  sandboxUser: string | null;
  sandbox: boolean;
  progress: Record<string, LocalLessonProgress>;
  /** Events made on this phone and not yet acknowledged by the server. */
  queue: SyncEvent[];
  /** Per lesson, the seed of the quiz attempt in progress: its options keep their shuffled order after a reload. */
  quizSeeds: Record<string, string>;
  ref: string | null;
  refSent: boolean;
  textSize: TextSize;
  /** Read each lesson step aloud as it opens ("Tự đọc"). */
  autoRead: boolean;
  /** Read aloud more slowly. */
  slowVoice: boolean;
  online: boolean;
  syncing: boolean;
  lastSyncAt: string | null;
  /** The signed-in person's official roles (GET /api/v1/admin/me); non-empty shows the "Quản trị" tab. */
  adminRoles: RoleView[];
  /** Unread items in "Tin mới" (GET /api/v1/me/news): the badge on Home. */
  newsUnread: number;
  /** My role in a tổ công nghệ số (GET /api/v1/me/team): shows "Tổ của tôi" on Home. */
  teamRole: "member" | "leader" | null;
  /** The consent screen for crediting the ref was answered (either way) or is not needed: not asked again. */
  creditAsked: boolean;
  /** The Official Account's id (from /api/v1/meta): "Quan tâm OA", "Nhắn tin cho OA". */
  oaId: string | null;
  /** Whether I follow the OA, as Zalo says (getUserInfo followedOA) or as I just did; null: not known. */
  followsOa: boolean | null;
  /** My commune, for the local lessons: chosen here, or as I chose it in the OA's chat; null: not known yet. */
  commune: { code: string; name: string } | null;
  /** The local lessons of my commune as last loaded: they open offline. */
  areaLessons: AreaLessons | null;
}

const PERSISTED = [
  "session",
  "sandboxUser",
  "progress",
  "queue",
  "quizSeeds",
  "ref",
  "refSent",
  "textSize",
  "autoRead",
  "slowVoice",
  "teamRole",
  "creditAsked",
  "oaId",
  "followsOa",
  "commune",
  "areaLessons",
] as const;
type Persisted = (typeof PERSISTED)[number];

const defaults: State = {
  session: null,
  sandboxUser: null,
  sandbox: false,
  progress: {},
  queue: [],
  quizSeeds: {},
  ref: null,
  refSent: false,
  textSize: 0,
  autoRead: false,
  slowVoice: false,
  online: true,
  syncing: false,
  lastSyncAt: null,
  adminRoles: [],
  newsUnread: 0,
  teamRole: null,
  creditAsked: false,
  oaId: null,
  followsOa: null,
  commune: null,
  areaLessons: null,
};

function load(): State {
  const s = { ...defaults };
  for (const k of PERSISTED) (s as Record<Persisted, unknown>)[k] = storage.get(`ksc.${k}`, defaults[k]);
  return s;
}

let state: State = load();
const listeners = new Set<() => void>();

export function getState(): State {
  return state;
}

/** The one way to change state: persisted fields are written to the phone's storage at once. */
export function setState(patch: Partial<State> | ((s: State) => Partial<State>)): void {
  const p = typeof patch === "function" ? patch(state) : patch;
  state = { ...state, ...p };
  for (const k of PERSISTED) if (k in p) storage.set(`ksc.${k}`, state[k]);
  listeners.forEach((l) => l());
}

export function useAppState<T>(select: (s: State) => T): T {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => select(state),
  );
}
