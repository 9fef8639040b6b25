import type { Migration } from "kysely";
import * as m001 from "./001-learning.js";
import * as m002 from "./002-oa.js";
import * as m003 from "./003-admin.js";
import * as m004 from "./004-campaigns.js";
import * as m005 from "./005-deliveries.js";
import * as m006 from "./006-campaign-done.js";
import * as m007 from "./007-teams.js";
import * as m008 from "./008-report-rollups.js";
import { zaloRulesMigration } from "../shared/009-zalo-rules.js";
import { communePointsMigration } from "../shared/010-commune-points.js";

export const sqliteMigrations: Record<string, Migration> = {
  "001-learning": m001,
  "002-oa": m002,
  "003-admin": m003,
  "004-campaigns": m004,
  "005-deliveries": m005,
  "006-campaign-done": m006,
  "007-teams": m007,
  "008-report-rollups": m008,
  "009-zalo-rules": zaloRulesMigration("TEXT"),
  "010-commune-points": communePointsMigration("TEXT"),
};
