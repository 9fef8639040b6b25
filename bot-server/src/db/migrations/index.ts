import type { Migration } from "kysely";
import type { Dialect } from "../connect.js";
import { dialectHelpers } from "./dialect-helpers.js";
import { learningMigration } from "./001-learning.js";
import { oaMigration } from "./002-oa.js";
import { adminMigration } from "./003-admin.js";
import { campaignsMigration } from "./004-campaigns.js";
import { deliveriesMigration } from "./005-deliveries.js";
import { campaignDoneMigration } from "./006-campaign-done.js";
import { teamsMigration } from "./007-teams.js";
import { reportRollupsMigration } from "./008-report-rollups.js";
import { zaloRulesMigration } from "./009-zalo-rules.js";
import { communePointsMigration } from "./010-commune-points.js";
import { visitDateCheckMigration } from "./011-visit-date-check.js";
import { officialAnswersMigration } from "./012-official-answers.js";
import { audioMigration } from "./013-audio.js";
import { bulletinsMigration } from "./014-bulletins.js";
import { localLessonsMigration } from "./015-local-lessons.js";
import { certificatesMigration } from "./016-certificates.js";
import { assessmentsMigration } from "./017-assessments.js";
import { householdLedgerMigration } from "./018-household-ledger.js";

/** The names are those databases already record in kysely_migration: never rename one. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  const d = dialectHelpers(dialect);
  return {
    "001-learning": learningMigration(d),
    "002-oa": oaMigration(d),
    "003-admin": adminMigration(d),
    "004-campaigns": campaignsMigration(d),
    "005-deliveries": deliveriesMigration(d),
    "006-campaign-done": campaignDoneMigration(d),
    "007-teams": teamsMigration(d),
    "008-report-rollups": reportRollupsMigration(d),
    "009-zalo-rules": zaloRulesMigration(d),
    "010-commune-points": communePointsMigration(d),
    "011-visit-date-check": visitDateCheckMigration(d),
    "012-official-answers": officialAnswersMigration(d),
    "013-audio": audioMigration(d),
    "014-bulletins": bulletinsMigration(d),
    "015-local-lessons": localLessonsMigration(d),
    "016-certificates": certificatesMigration(d),
    "017-assessments": assessmentsMigration(d),
    "018-household-ledger": householdLedgerMigration(d),
  };
}
