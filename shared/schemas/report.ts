import { z } from "zod";
import { areaCodeSchema } from "./admin.js";
import { teamIdSchema } from "./team.js";

/**
 * Reports of the teams' work for a province, a commune or one team (Step 4, section 4).
 *
 * Definitions (also in README and .env.example):
 * - members: active team members; trained: members who passed every lesson of the core skills.
 * - residents credited: residents credited (after consent) to a team in scope.
 * - lessons completed, quiz pass rate: the learning of those residents (the people the teams reached);
 *   a skill's pass rate is (resident, lesson) pairs passed (best score ≥ 80 %) over pairs attempted.
 * - households visited: visits recorded; accounts created: visits with a kind marked `account`, per kind.
 * - household ledger (Step 9): each resident once — with an account of their own, or a household member without a
 *   smartphone recorded by a member — and what each can now do (outcome-kinds.yaml), once per resident however
 *   many visits it took; residents with each outcome, and their share of the commune's adults where an official
 *   has set that number (a scope's share counts only the communes that have it).
 * - new digital users: each person once — residents credited who completed at least one lesson, and residents of
 *   the ledger with an outcome marked `digitalUser` who are not among them. Accounts created on visits are still
 *   shown per kind, but no longer added: a visit names a household, not a person, and counted the same person twice.
 * - cost: each team's months of existence × REPORT_COST_TEAM_MONTH_VND + members trained ×
 *   REPORT_COST_MEMBER_TRAINED_VND; cost per new digital user = cost ÷ new digital users (null when none).
 */

export const REPORT_WEEKS_MAX = 52;

export const reportQuerySchema = z
  .strictObject({
    area: areaCodeSchema.optional(),
    team: teamIdSchema.optional(),
    weeks: z.coerce.number().int().min(1).max(REPORT_WEEKS_MAX).default(12),
  })
  .refine((q) => (q.area ? 1 : 0) + (q.team ? 1 : 0) === 1, "give exactly one of area or team");
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** The figures of one slice (the whole scope, or one commune of it). */
export const reportFiguresSchema = z.object({
  teams: z.number().int(),
  members: z.number().int(),
  trained: z.number().int(),
  trainedPct: z.number().int().nullable(),
  residentsCredited: z.number().int(),
  residentsLearning: z.number().int(),
  lessonsCompleted: z.number().int(),
  householdsVisited: z.number().int(),
  accountsCreated: z.number().int(),
  newDigitalUsers: z.number().int(),
  /** Residents in the household ledger with at least one outcome. */
  residentsInLedger: z.number().int(),
  /** Adults living there, as officials set it; null when not set (for a scope: the sum over communes that have it). */
  adults: z.number().int().nullable(),
  /** Per outcome kind, the residents who have it. */
  outcomes: z.record(z.string(), z.number().int()),
});
export type ReportFigures = z.infer<typeof reportFiguresSchema>;

export const reportSchema = z.object({
  scope: z.object({ kind: z.enum(["province", "commune", "team"]), code: z.string(), name: z.string() }),
  generatedAt: z.string(),
  totals: reportFiguresSchema,
  cost: z.object({
    teamMonths: z.number().int(),
    teamMonthVnd: z.number().int(),
    memberTrainedVnd: z.number().int(),
    totalVnd: z.number().int(),
    perNewDigitalUserVnd: z.number().int().nullable(),
  }),
  quizBySkill: z.array(
    z.object({ skillId: z.string(), title: z.string(), attempted: z.number().int(), passed: z.number().int(), passRatePct: z.number().int().nullable() }),
  ),
  /** The household ledger's outcomes in the whole scope, with each one's share of the adults of the communes that set it. */
  outcomes: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      digitalUser: z.boolean(),
      residents: z.number().int(),
      /** Residents with it in the communes whose adults are known, over those adults; null when none is known. */
      pctOfAdults: z.number().nullable(),
    }),
  ),
  /** How many communes of the scope have their adult population set, of how many communes it has (0 for a team). */
  adultsKnown: z.object({ communes: z.number().int(), of: z.number().int() }),
  visitsByKind: z.array(z.object({ kind: z.string(), label: z.string(), account: z.boolean(), visits: z.number().int() })),
  communes: z.array(reportFiguresSchema.extend({ code: z.string(), name: z.string() })),
  weekly: z.array(
    z.object({
      weekStart: z.string(),
      residentsCredited: z.number().int(),
      lessonsCompleted: z.number().int(),
      householdsVisited: z.number().int(),
      membersJoined: z.number().int(),
      /** Per outcome kind, residents who reached it that week. */
      outcomes: z.record(z.string(), z.number().int()),
    }),
  ),
});
export type Report = z.infer<typeof reportSchema>;
