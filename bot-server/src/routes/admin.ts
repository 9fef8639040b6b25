import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { roleGrantSchema, roleSchema } from "../../../shared/schemas/admin.js";
import { adminMeSchema, auditListSchema, roleListSchema, roleRevokedSchema } from "../../../shared/schemas/responses/admin.js";
import { visibleAreaCodes } from "../services/admin/access.js";
import { grantRole, revokeRole, toRoleView } from "../services/admin/manage-roles.js";
import { requireActor } from "./authenticate.js";

const parseJson = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown));

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["admin"];
  const security = [{ session: [] }];
  const limit = { rateLimit: { max: 120, timeWindow: "1 minute" } };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
  const areas = () => app.oa.areas;
  const deps = () => ({ repos: app.services.repos, areas: app.oa.areas, clock: app.services.clock });

  r.get(
    "/api/v1/admin/me",
    { config: limit, schema: { tags, security, summary: "My roles (empty when I am not an official)", response: { 200: adminMeSchema, ...errors } } },
    async (req) => {
      const actor = await requireActor(req, false);
      const rows = await app.services.repos.roles.ofUser(actor.id);
      return { zaloUserId: actor.id, roles: rows.map((x) => toRoleView(x, areas())) };
    },
  );

  r.get(
    "/api/v1/admin/roles",
    { config: limit, schema: { tags, security, summary: "Roles in my area", response: { 200: roleListSchema, ...errors } } },
    async (req) => {
      const actor = await requireActor(req);
      const rows = await app.services.repos.roles.inArea(visibleAreaCodes(actor, areas()));
      return { roles: rows.map((x) => toRoleView(x, areas())) };
    },
  );

  r.post(
    "/api/v1/admin/roles",
    { config: limit, schema: { tags, security, summary: "Grant a role (needs a wider role over that area)", body: roleGrantSchema, response: { 200: roleSchema, ...errors } } },
    async (req) => grantRole(deps(), await requireActor(req), req.body),
  );

  r.delete(
    "/api/v1/admin/roles",
    { config: limit, schema: { tags, security, summary: "Revoke a role", body: roleGrantSchema, response: { 200: roleRevokedSchema, ...errors } } },
    async (req) => {
      await revokeRole(deps(), await requireActor(req), req.body);
      return { revoked: true as const };
    },
  );

  r.get(
    "/api/v1/admin/audit",
    {
      config: limit,
      schema: { tags, security, summary: "The audit log of my area, newest first", querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: auditListSchema, ...errors } },
    },
    async (req) => {
      const actor = await requireActor(req);
      const rows = await app.services.repos.audit.list(visibleAreaCodes(actor, areas()), req.query.limit);
      return {
        entries: rows.map((e) => ({ id: Number(e.id), actor: e.actor, action: e.action, target: e.target, areaCode: e.area_code, before: parseJson(e.before_state), after: parseJson(e.after_state), at: e.at })),
      };
    },
  );
}
