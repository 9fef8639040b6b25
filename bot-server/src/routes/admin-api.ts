import type { FastifyInstance } from "fastify";
import type { PlanSettings } from "../services/campaigns/plan-campaign.js";
import type { ReportCosts } from "../services/reports/build-report.js";
import { adminAudioRoutes } from "./admin-audio.js";
import { adminBulletinRoutes } from "./admin-bulletins.js";
import { adminCampaignRoutes } from "./admin-campaigns.js";
import { adminCertificateRoutes } from "./admin-certificates.js";
import { adminCommuneRoutes } from "./admin-communes.js";
import { adminLocalLessonRoutes } from "./admin-local-lessons.js";
import { adminQuestionRoutes } from "./admin-questions.js";
import { adminReportRoutes } from "./admin-reports.js";
import { adminTeamRoutes } from "./admin-teams.js";
import { adminRoutes } from "./admin.js";
import { requireAdmin } from "./admin-auth.js";

/**
 * Every route under /api/v1/admin, in one scope behind one hook (requireAdmin). It runs after the rate limit, which
 * counts every request, and before validation, so that nothing of a refused request is looked at.
 */
export async function adminApi(app: FastifyInstance, opts: { campaignCosts: PlanSettings; reportCosts: ReportCosts }): Promise<void> {
  app.addHook("preValidation", requireAdmin);
  await app.register(adminRoutes);
  await app.register(adminQuestionRoutes, { costs: opts.campaignCosts });
  await app.register(adminCampaignRoutes, { costs: opts.campaignCosts });
  await app.register(adminTeamRoutes);
  await app.register(adminCommuneRoutes);
  await app.register(adminReportRoutes, { costs: opts.reportCosts });
  await app.register(adminAudioRoutes);
  await app.register(adminBulletinRoutes);
  await app.register(adminLocalLessonRoutes);
  await app.register(adminCertificateRoutes);
}
