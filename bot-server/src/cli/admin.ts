/**
 * npm run admin -- grant <zalo-user-id> <role> [<area-code>]
 * npm run admin -- revoke <zalo-user-id> <role> [<area-code>]
 * npm run admin -- roles
 * npm run admin -- rebuild-reports   (counts the report rollups again from scratch, e.g. after the core skills change)
 * npm run admin -- import-followers  (imports the OA's followers from Zalo now, as the scheduled job does)
 * npm run admin -- import-commune-points <file.csv>  (where communes are: commune_code,latitude,longitude; all or nothing)
 * Roles: operator (no area), province_official (a province code, 2 digits), commune_official (a commune code, 5 digits).
 * Runs as the operator against DATABASE_URL; every change is written to the audit log.
 */
import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { roleGrantSchema } from "../../../shared/schemas/admin.js";
import { loadConfig } from "../config.js";
import { connect } from "../db/connect.js";
import { migrateToLatest } from "../db/migrate.js";
import { systemClock } from "../lib/clock.js";
import { AppError } from "../lib/errors.js";
import { repositories } from "../repositories/index.js";
import { CLI_ROLES } from "../services/admin/access.js";
import { grantRole, revokeRole, toRoleView } from "../services/admin/manage-roles.js";
import { loadAreas } from "../services/areas.js";
import { loadCourseOrThrow } from "../../../shared/content-loader.js";
import { courseCatalog } from "../services/course-catalog.js";
import { rebuildReportRollups } from "../services/reports/rollups.js";
import { importCommunePoints } from "../services/commune-points/import-points.js";
import { importFollowersByHand } from "./import-followers.js";

/** The account running the command, for the audit log (some containers have no account entry for their user id). */
function whoRuns(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? "operator";
  }
}

const USAGE =
  "usage: npm run admin -- grant|revoke <zalo-user-id> <operator|province_official|commune_official> [<area-code>]\n       npm run admin -- roles\n       npm run admin -- rebuild-reports\n       npm run admin -- import-followers\n       npm run admin -- import-commune-points <file.csv>";

async function main(args: string[]): Promise<number> {
  const [command, zaloUserId, role, areaCode = ""] = args;
  if (!command || !["grant", "revoke", "roles", "rebuild-reports", "import-followers", "import-commune-points"].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  if (command === "import-followers") return importFollowersByHand(config);
  const database = connect(config.databaseUrl);
  try {
    await migrateToLatest(database);
    const deps = { repos: repositories(database.db, database.dialect), areas: loadAreas(), clock: systemClock };
    if (command === "rebuild-reports") {
      const t = Date.now();
      await deps.repos.transaction((repos) => rebuildReportRollups(repos, courseCatalog(loadCourseOrThrow())));
      console.log(`report rollups rebuilt in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      return 0;
    }
    if (command === "import-commune-points") {
      if (!zaloUserId) {
        console.error(USAGE);
        return 2;
      }
      const r = await importCommunePoints(deps, { id: `cli:${whoRuns()}`, roles: CLI_ROLES }, await readFile(zaloUserId, "utf8"));
      for (const e of r.errors.slice(0, 50)) console.error(e);
      if (r.errors.length > 50) console.error(`… and ${r.errors.length - 50} more`);
      if (r.errors.length) {
        console.error("nothing imported");
        return 1;
      }
      console.log(`commune points imported: ${r.imported}`);
      return 0;
    }
    if (command === "roles") {
      for (const r of await deps.repos.roles.inArea(null)) {
        const v = toRoleView(r, deps.areas);
        console.log(`${v.zaloUserId}\t${v.role}\t${v.areaCode || "-"}\t${v.areaName}`);
      }
      return 0;
    }
    const parsed = roleGrantSchema.safeParse({ zaloUserId, role, areaCode });
    if (!parsed.success) {
      console.error(`${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")}\n${USAGE}`);
      return 2;
    }
    const actor = { id: `cli:${whoRuns()}`, roles: CLI_ROLES };
    if (command === "grant") {
      const v = await grantRole(deps, actor, parsed.data);
      console.log(`granted: ${v.zaloUserId} ${v.role} ${v.areaName}`);
    } else {
      await revokeRole(deps, actor, parsed.data);
      console.log(`revoked: ${parsed.data.zaloUserId} ${parsed.data.role} ${parsed.data.areaCode || "-"}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
