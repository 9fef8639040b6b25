import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { roleGrantSchema, roleSchema } from "../../../shared/schemas/admin.js";
import { adminMeSchema, auditListSchema, roleListSchema, roleRevokedSchema } from "../../../shared/schemas/responses/admin.js";
import { myRoles, rolesInMyArea } from "../services/admin/list-roles.js";
import { grantRole, revokeRole } from "../services/admin/manage-roles.js";
import { readAuditLog } from "../services/admin/read-audit-log.js";
import { adminActor } from "./admin-auth.js";

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["admin"];
  const security = [{ session: [] }];
  const limit = { rateLimit: { max: 120, timeWindow: "1 minute" } };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
  const deps = () => ({ repos: app.services.repos, areas: app.services.areas, clock: app.services.clock });

  r.get(
    "/api/v1/admin/me",
    {
      config: { ...limit, anySignedIn: true },
      schema: { tags, security, summary: "My roles (empty when I am not an official)", response: { 200: adminMeSchema, ...errors } },
    },
    async (req) => myRoles(deps(), adminActor(req)),
  );

  r.get(
    "/api/v1/admin/roles",
    { config: limit, schema: { tags, security, summary: "Roles in my area", response: { 200: roleListSchema, ...errors } } },
    async (req) => rolesInMyArea(deps(), adminActor(req)),
  );

  r.post(
    "/api/v1/admin/roles",
    {
      config: limit,
      schema: { tags, security, summary: "Grant a role (needs a wider role over that area)", body: roleGrantSchema, response: { 200: roleSchema, ...errors } },
    },
    async (req) => grantRole(deps(), adminActor(req), req.body),
  );

  r.delete(
    "/api/v1/admin/roles",
    { config: limit, schema: { tags, security, summary: "Revoke a role", body: roleGrantSchema, response: { 200: roleRevokedSchema, ...errors } } },
    async (req) => {
      await revokeRole(deps(), adminActor(req), req.body);
      return { revoked: true as const };
    },
  );

  r.get(
    "/api/v1/admin/audit",
    {
      config: limit,
      schema: {
        tags,
        security,
        summary: "The audit log of my area, newest first",
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: auditListSchema, ...errors },
      },
    },
    async (req) => readAuditLog(deps(), adminActor(req), req.query.limit),
  );
}
