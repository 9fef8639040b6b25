import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { reportQuerySchema, reportSchema } from "../../../shared/schemas/report.js";
import { csvSchema } from "../../../shared/schemas/responses/files.js";
import { buildReport, type ReportCosts } from "../services/reports/build-report.js";
import { reportCsv } from "../services/reports/report-csv.js";
import { adminActor } from "./admin-auth.js";
import { teamDeps } from "./teams.js";

/** Reports for a province, a commune (officials of that area) or a team (its leader, officials over it); JSON and CSV. */
export async function adminReportRoutes(app: FastifyInstance, opts: { costs: ReportCosts }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["admin"];
  const security = [{ session: [] }];
  // Team leaders read their team's report: any signed-in person may ask, the report decides what they see.
  const config = { rateLimit: { max: 60, timeWindow: "1 minute" }, anySignedIn: true };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
  const team = teamDeps(app);
  const deps = () => ({ ...team(), costs: opts.costs, outcomeKinds: app.services.outcomeKinds });

  r.get(
    "/api/v1/admin/reports",
    {
      config,
      schema: {
        tags,
        security,
        summary: "The report of an area (?area=<code>) or a team (?team=<id>), over the last ?weeks=12 weeks",
        querystring: reportQuerySchema,
        response: { 200: reportSchema, ...errors },
      },
    },
    async (req) => buildReport(deps(), adminActor(req), req.query),
  );

  r.get(
    "/api/v1/admin/reports.csv",
    {
      config,
      schema: { tags, security, summary: "The same report as CSV (the same numbers)", querystring: reportQuerySchema, response: { 200: csvSchema, ...errors } },
    },
    async (req, reply) => {
      const report = await buildReport(deps(), adminActor(req), req.query);
      const name = `bao-cao-${report.scope.kind}-${report.scope.code}-${report.generatedAt.slice(0, 10)}.csv`;
      return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${name}"`).send(reportCsv(report));
    },
  );
}
