import { z } from "zod";

export const ROLES = ["operator", "province_official", "commune_official"] as const;
export type Role = (typeof ROLES)[number];

/** Vietnamese names of the roles, for screens. */
export const ROLE_TITLES: Record<Role, string> = {
  operator: "Người vận hành",
  province_official: "Cán bộ tỉnh",
  commune_official: "Cán bộ xã",
};

export const zaloUserIdSchema = z.string().regex(/^\d{1,25}$/, "a Zalo user id is digits");
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
