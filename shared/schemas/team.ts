import { z } from "zod";
import { COMMUNE_CODE, INVITE_CODE, KEBAB_ID, ZALO_USER_ID } from "../constants/patterns.js";
import { TEAM_NAME_MAX, TEAM_NAME_MIN } from "../lib/team-rules.js";
import { isPlainName } from "../lib/unsafe-text.js";
import { clientIdSchema, refCodeSchema } from "./api.js";

/** Tổ công nghệ số cộng đồng: teams, members, invites, visits and residents credited. */

export const visitKindSchema = z.strictObject({
  id: z.string().regex(KEBAB_ID).max(40),
  label: z.string().min(1).max(60),
  retired: z.boolean().optional(),
  /** Helping with this creates an account (VNeID, public services, payment, e-commerce): reports count it as a new digital user. */
  account: z.boolean().optional(),
});
export type VisitKind = z.infer<typeof visitKindSchema>;

export const teamIdSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const communeCodeSchema = z.string().regex(COMMUNE_CODE, "a commune code is 5 digits");

export const teamNameSchema = z
  .string()
  .trim()
  .min(TEAM_NAME_MIN, "Tên tổ quá ngắn.")
  .max(TEAM_NAME_MAX, `Tên tổ dài quá ${TEAM_NAME_MAX} ký tự.`)
  .refine(isPlainName, "Tên tổ có ký tự ẩn hoặc ký tự điều khiển. Hãy gõ lại tên.");

export const createTeamSchema = z.strictObject({
  communeCode: communeCodeSchema,
  name: teamNameSchema,
});
export type CreateTeam = z.infer<typeof createTeamSchema>;

/** Name a leader: one of the team's members, or a person by Zalo user id (who must have opened the mini app). */
export const nameLeaderSchema = z.union([
  z.strictObject({ learnerId: z.string().min(1).max(64) }),
  z.strictObject({ zaloUserId: z.string().regex(ZALO_USER_ID) }),
]);
export type NameLeader = z.infer<typeof nameLeaderSchema>;

export const personSchema = z.object({ learnerId: z.string(), name: z.string() });

export const teamSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  refCode: z.string(),
  createdAt: z.string(),
  leader: personSchema.nullable(),
  members: z.number().int(),
  trained: z.number().int(),
});
export type TeamView = z.infer<typeof teamSchema>;

export const areaTrainingSchema = z.object({
  code: z.string(),
  name: z.string(),
  teams: z.number().int(),
  members: z.number().int(),
  trained: z.number().int(),
  /** Whole percent of members trained; null when there is nobody yet. */
  trainedPct: z.number().int().nullable(),
});
export const teamListSchema = z.object({
  /** The area asked for (a province or commune), or the whole country for the operator. */
  area: areaTrainingSchema,
  communes: z.array(areaTrainingSchema),
  teams: z.array(teamSchema),
});
export type TeamList = z.infer<typeof teamListSchema>;

export const inviteCodeSchema = z.string().regex(INVITE_CODE, "not an invite code");
/** link: the mini app's deep link carrying the code (what the invite QR code holds). */
export const inviteSchema = z.object({ code: z.string(), expiresAt: z.string(), link: z.string() });
export type Invite = z.infer<typeof inviteSchema>;
export const invitePreviewSchema = z.object({
  teamId: z.number().int(),
  teamName: z.string(),
  communeName: z.string(),
  expiresAt: z.string(),
});
export const joinRequestSchema = z.strictObject({ code: inviteCodeSchema });

export const skillCountSchema = z.object({ skillId: z.string(), lessonsTotal: z.number().int(), lessonsPassed: z.number().int() });
export const memberSchema = z.object({
  learnerId: z.string(),
  name: z.string(),
  role: z.enum(["member", "leader"]),
  joinedAt: z.string(),
  trained: z.boolean(),
  /** The core skills, each with its lessons passed. */
  skills: z.array(skillCountSchema),
});
export type MemberView = z.infer<typeof memberSchema>;
export const membersSchema = z.object({ members: z.array(memberSchema) });

export const myTeamSchema = z.object({
  team: z
    .object({
      id: z.number().int(),
      name: z.string(),
      communeName: z.string(),
      refCode: z.string(),
      role: z.enum(["member", "leader"]),
      /** My personal ref code: my QR code. */
      myRefCode: z.string(),
      /** The deep link of my personal QR code: the mini app with ?ref=<myRefCode>. */
      myLink: z.string(),
      joinedAt: z.string(),
      visits: z.number().int(),
      residentsCredited: z.number().int(),
    })
    .nullable(),
  visitKinds: z.array(visitKindSchema),
});
export type MyTeam = z.infer<typeof myTeamSchema>;

/** YYYY-MM-DD. */
export const isoDateSchema = z.iso.date();

export const visitRequestSchema = z.strictObject({
  /** Made by the phone, so that a retried request is recognised. */
  id: clientIdSchema,
  household: z.string().max(1000),
  visitedOn: isoDateSchema,
  kinds: z.array(z.string().max(40)).min(1).max(12),
});
export type VisitRequest = z.infer<typeof visitRequestSchema>;
export const visitSchema = z.object({
  id: z.string(),
  household: z.string(),
  visitedOn: z.string(),
  kinds: z.array(z.string()),
  createdAt: z.string(),
});
export type VisitView = z.infer<typeof visitSchema>;
export const visitsSchema = z.object({ visits: z.array(visitSchema) });

/** What the resident agrees to before being credited to a team: shown as is, stored with its version. */
export const CREDIT_CONSENT = {
  version: "credit-2026-11",
  text:
    "Tôi đồng ý cho tổ công nghệ số cộng đồng biết tôi đã dùng ứng dụng nhờ thành viên của tổ, " +
    "và cho tổ trưởng, cán bộ xã xem tên Zalo và tiến độ học của tôi. Tổ không xem được số điện thoại của tôi. " +
    "Tôi có thể không đồng ý mà vẫn học bình thường.",
} as const;

export const creditStatusSchema = z.object({
  /** none: the ref is not a team's or member's; open: I may agree; credited: done (to this team). */
  state: z.enum(["none", "open", "credited"]),
  teamName: z.string().nullable(),
  memberName: z.string().nullable(),
  consent: z.object({ version: z.string(), text: z.string() }),
});
export type CreditStatus = z.infer<typeof creditStatusSchema>;
export const creditQuerySchema = z.strictObject({ ref: refCodeSchema.optional() });
export const creditRequestSchema = z.strictObject({
  ref: refCodeSchema,
  consentVersion: z.string().max(40),
  /** Only an explicit yes credits anyone; declining sends nothing. */
  agree: z.literal(true),
});
export const creditResultSchema = z.object({ credited: z.literal(true), teamName: z.string() });
