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
 * - new digital users: residents credited who completed at least one lesson, plus accounts created on visits.
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
  visitsByKind: z.array(z.object({ kind: z.string(), label: z.string(), account: z.boolean(), visits: z.number().int() })),
  communes: z.array(reportFiguresSchema.extend({ code: z.string(), name: z.string() })),
  weekly: z.array(
    z.object({
      weekStart: z.string(),
      residentsCredited: z.number().int(),
      lessonsCompleted: z.number().int(),
      householdsVisited: z.number().int(),
      membersJoined: z.number().int(),
    }),
  ),
});
export type Report = z.infer<typeof reportSchema>;
