import { vietnamWeekStart } from "../../../../shared/lib/vietnam-time.js";
import type { Insertable } from "kysely";
import type { LessonCompletionsTable, QuizAttemptsTable } from "../../db/schema.js";
import type { RepositorySet } from "../../repositories/index.js";
import type { LearnerFacts, RollupDelta } from "../../repositories/report-rollups.js";
import type { CourseCatalog } from "../course-catalog.js";
import { loadOutcomeKinds } from "../../../../shared/outcome-kinds.js";
import type { OutcomeKind } from "../../../../shared/schemas/ledger.js";
import { coreLessonIds } from "../teams/core-lessons.js";

/**
 * Keeping the report rollups current. A person's share of the rollups is a function of their credit, their
 * memberships and their learning (contribution below); a write that changes any of these runs inside
 * withLearnerRollups, which adds (share after − share before) in the same transaction. Visits add their own
 * increments. rebuild counts everything from scratch: the two must always agree (tests/integration/report-rollups).
 */

const weekOf = (ts: string) => vietnamWeekStart(new Date(ts));

export function contribution(f: LearnerFacts, core: string[]): RollupDelta[] {
  const rows = new Map<string, RollupDelta>();
  const add = (table: RollupDelta["table"], teamId: number, communeCode: string, key: string, field: string, n: number) => {
    const id = `${table}|${teamId}|${key}`;
    const row = rows.get(id) ?? rows.set(id, { table, teamId, communeCode, key, add: {} }).get(id)!;
    row.add[field] = (row.add[field] ?? 0) + n;
  };
  const passed = new Set(f.attempts.filter((a) => a.passed > 0).map((a) => a.lesson_id));
  const trained = core.length > 0 && core.every((id) => passed.has(id)) ? 1 : 0;
  for (const m of f.memberships) {
    add("weeks", m.team_id, m.commune_code, weekOf(m.joined_at), "joined", 1);
    if (!m.active) continue;
    add("totals", m.team_id, m.commune_code, "", "members", 1);
    add("totals", m.team_id, m.commune_code, "", "trained", trained);
  }
  const c = f.credit;
  if (c) {
    add("totals", c.team_id, c.commune_code, "", "credited", 1);
    add("weeks", c.team_id, c.commune_code, weekOf(c.consented_at), "credited", 1);
    add("totals", c.team_id, c.commune_code, "", "learning", f.completions.length > 0 ? 1 : 0);
    add("totals", c.team_id, c.commune_code, "", "lessons", f.completions.length);
    for (const lc of f.completions) add("weeks", c.team_id, c.commune_code, weekOf(lc.completed_at), "lessons", 1);
    for (const a of f.attempts) {
      add("quiz", c.team_id, c.commune_code, a.lesson_id, "attempted", 1);
      add("quiz", c.team_id, c.commune_code, a.lesson_id, "passed", a.passed > 0 ? 1 : 0);
    }
  }
  return [...rows.values()];
}

/** A resident credited to a team who learns is counted there among residents learning: the ledger's rows say so. */
export async function markLedgerLearning(repos: RepositorySet, learnerId: string, f: Pick<LearnerFacts, "credit" | "completions">): Promise<void> {
  if (f.credit && f.completions.length > 0) await repos.ledger.markLearning(learnerId, f.credit.team_id, f.credit.commune_code);
}

/** after − before, row by row. */
export function difference(after: RollupDelta[], before: RollupDelta[]): RollupDelta[] {
  const rows = new Map<string, RollupDelta>();
  const put = (d: RollupDelta, sign: number) => {
    const id = `${d.table}|${d.teamId}|${d.key}`;
    const row = rows.get(id) ?? rows.set(id, { ...d, add: {} }).get(id)!;
    for (const [k, n] of Object.entries(d.add)) row.add[k] = (row.add[k] ?? 0) + sign * n;
  };
  for (const d of after) put(d, 1);
  for (const d of before) put(d, -1);
  return [...rows.values()].filter((d) => Object.values(d.add).some((n) => n !== 0));
}

/**
 * Runs `write` (inside the caller's transaction) and moves the person's share of the rollups accordingly.
 * Someone neither credited nor in a team, before and after, costs two index lookups.
 */
export async function withLearnerRollups<T>(repos: RepositorySet, catalog: CourseCatalog, learnerId: string, write: () => Promise<T>): Promise<T> {
  const r = repos.reportRollups;
  await r.lockAttachments();
  const core = coreLessonIds(catalog);
  const facts = async () => {
    const a = await r.attachments(learnerId);
    const attached = a.credit !== null || a.memberships.length > 0;
    return { attached, facts: { ...a, ...(attached ? await r.learning(learnerId) : { completions: [], attempts: [] }) } };
  };
  const before = await facts();
  const result = await write();
  const after = await facts();
  if (before.attached || after.attached) await r.apply(difference(contribution(after.facts, core), contribution(before.facts, core)));
  await markLedgerLearning(repos, learnerId, after.facts);
  return result;
}

/** The events a progress sync stored (new ids only). */
export interface StoredLearning {
  attempts: string[];
  completions: string[];
}

/**
 * A progress sync's write, with the rollups moved accordingly. It writes first and looks after: joining,
 * crediting and leaving wait for the sync's INSERT to commit (lockAttachments), so the attachments read with the
 * write are the ones that hold at commit. A replay, or a learner attached to no team — most residents — pays
 * nothing beside the write (one statement on PostgreSQL) and takes no lock. The share before is the learning
 * without this write's events, read under a per-learner lock so that two syncs of one person count in turn.
 */
export async function storeLearningWithRollups(
  repos: RepositorySet,
  catalog: CourseCatalog,
  learnerId: string,
  attempts: Insertable<QuizAttemptsTable>[],
  completions: Insertable<LessonCompletionsTable>[],
): Promise<StoredLearning> {
  const r = repos.reportRollups;
  const { attachments: a, ...stored } = await r.storeLearning(learnerId, attempts, completions);
  const ids = [...stored.attempts, ...stored.completions];
  if (ids.length === 0 || (a.credit === null && a.memberships.length === 0)) return stored;
  await r.lockLearning(learnerId);
  const core = coreLessonIds(catalog);
  const after = { ...a, ...(await r.learning(learnerId)) };
  const before = { ...a, ...(await r.learning(learnerId, ids)) };
  await r.apply(difference(contribution(after, core), contribution(before, core)));
  await markLedgerLearning(repos, learnerId, after);
  return stored;
}

/** A household visit's increments: the team's visits, its week's, and each kind's. */
export async function addVisitToRollups(
  repos: RepositorySet,
  v: { team_id: number; commune_code: string; visited_on: string; kinds: string[] },
): Promise<void> {
  const base = { teamId: v.team_id, communeCode: v.commune_code };
  await repos.reportRollups.apply([
    { ...base, table: "totals", key: "", add: { visits: 1 } },
    { ...base, table: "weeks", key: vietnamWeekStart(new Date(`${v.visited_on}T00:00:00+07:00`)), add: { visits: 1 } },
    ...v.kinds.map((k): RollupDelta => ({ ...base, table: "kinds", key: k, add: { visits: 1 } })),
  ]);
}

/** Counts every rollup again from the base tables (after a bulk load, or to check them). */
export async function rebuildReportRollups(repos: RepositorySet, catalog: CourseCatalog, outcomeKinds: OutcomeKind[] = loadOutcomeKinds()): Promise<void> {
  await repos.reportRollups.rebuild(coreLessonIds(catalog));
  await repos.ledger.recount(outcomeKinds.filter((k) => k.digitalUser).map((k) => k.id));
}
