import { z } from "zod";
import { auditEntrySchema, roleSchema } from "../admin.js";

/** GET /api/v1/admin/me: my roles, empty when I am not an official. */
export const adminMeSchema = z.object({ zaloUserId: z.string(), roles: z.array(roleSchema) });

/** GET /api/v1/admin/roles: the roles in my area. */
export const roleListSchema = z.object({ roles: z.array(roleSchema) });

/** DELETE /api/v1/admin/roles. */
export const roleRevokedSchema = z.object({ revoked: z.literal(true) });

/** GET /api/v1/admin/audit: newest first. */
export const auditListSchema = z.object({ entries: z.array(auditEntrySchema) });

/** A question the chatbot could not answer confidently, with the commune of the follower who asked it. */
