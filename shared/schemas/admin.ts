import { z } from "zod";
import { ZALO_USER_ID } from "../constants/patterns.js";
import { ROLES } from "../constants/roles.js";

export const zaloUserIdSchema = z.string().regex(ZALO_USER_ID, "a Zalo user id is digits");
/** A province code (2 digits) or a commune code (5 digits) of the 2025 units; empty for the operator. */
export const areaCodeSchema = z.string().regex(/^(\d{2}|\d{5})?$/, "an area code is 2 digits (province) or 5 digits (commune)");

export const roleGrantSchema = z.strictObject({
  zaloUserId: zaloUserIdSchema,
  role: z.enum(ROLES),
  areaCode: areaCodeSchema.default(""),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;

export const roleSchema = z.object({
  zaloUserId: z.string(),
  role: z.enum(ROLES),
  areaCode: z.string(),
  areaName: z.string(),
  grantedBy: z.string(),
  grantedAt: z.string(),
});
export type RoleView = z.infer<typeof roleSchema>;

export const auditEntrySchema = z.object({
  id: z.number(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  areaCode: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
