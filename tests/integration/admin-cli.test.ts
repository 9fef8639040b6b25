import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Db } from "../../bot-server/src/db/connect.js";
import { DIALECTS, POSTGRES_URL } from "../helpers/databases.js";
import { adminSnapshot } from "../helpers/rows.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = "bot-server/src/cli/admin.ts";
const PERSON = "5500000000000000002";
const CLI_ACTOR = `cli:${userInfo().username}`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the admin command line in its own Node.js process against `databaseUrl`, as `npm run admin -- …` does. */
function runCli(databaseUrl: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A database the command line reaches with DATABASE_URL alone: a temporary SQLite file, or a new PostgreSQL database. */
async function freshDatabase(dialect: (typeof DIALECTS)[number]): Promise<{ url: string; cleanup(): Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "ksc-cli-"));
    return { url: `sqlite:${join(dir, "admin.db")}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `ksc_cli_${randomBytes(6).toString("hex")}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), cleanup: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

describe.each(DIALECTS)("npm run admin on %s", (dialect) => {
  let database: { url: string; cleanup(): Promise<void> };
  /** Opened only between runs of the command line, to read what it stored. */
  const read = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const db = connect(database.url, { poolSize: 1 });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  const stored = () => read((db) => adminSnapshot(db.db));

  beforeAll(async () => {
    database = await freshDatabase(dialect);
  });
  afterAll(async () => {
    await database?.cleanup();
  });

  it("grant <id> province_official 01 → exit 0, the role stored (migrating a fresh database first)", async () => {
    const run = await runCli(database.url, ["grant", PERSON, "province_official", "01"]);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(`granted: ${PERSON} province_official Thành phố Hà Nội\n`);
    const { roles } = await stored();
    expect(roles).toEqual([{ zalo_user_id: PERSON, role: "province_official", area_code: "01", granted_by: CLI_ACTOR, granted_at: expect.any(String) }]);
  });

  it("grant <id> operator (no area) → exit 0", async () => {
    const run = await runCli(database.url, ["grant", "5500000000000000001", "operator"]);
    expect(run, run.stderr).toMatchObject({ code: 0, stdout: "granted: 5500000000000000001 operator Toàn quốc\n" });
  });

  it("roles lists every role, one per line", async () => {
    const run = await runCli(database.url, ["roles"]);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.split("\n").filter(Boolean).sort()).toEqual(
      [`${PERSON}\tprovince_official\t01\tThành phố Hà Nội`, "5500000000000000001\toperator\t-\tToàn quốc"].sort(),
    );
  });

  it("granting the same role again → exit 1 role_exists, nothing changed", async () => {
    const before = await stored();
    const run = await runCli(database.url, ["grant", PERSON, "province_official", "01"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^role_exists: /);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ["a province code for a commune official", ["grant", PERSON, "commune_official", "01"]],
    ["a commune code for a province official", ["grant", PERSON, "province_official", "00004"]],
    ["an area for the operator", ["grant", PERSON, "operator", "01"]],
    ["an unknown commune", ["grant", PERSON, "commune_official", "99999"]],
    ["no area for a province official", ["revoke", PERSON, "province_official"]],
  ])("an invalid area (%s) → exit 1 invalid_area, nothing changed", async (_name, args) => {
    const before = await stored();
    const run = await runCli(database.url, args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^invalid_area: /);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ["no command", []],
    ["an unknown command", ["promote", PERSON, "operator"]],
    ["a malformed Zalo id", ["grant", "not-an-id", "province_official", "01"]],
    ["an unknown role", ["grant", PERSON, "admin", "01"]],
    ["a malformed area code", ["grant", PERSON, "commune_official", "004"]],
  ])("%s → exit 2 with the usage text, nothing changed", async (_name, args) => {
    const before = await stored();
    const run = await runCli(database.url, args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("usage: npm run admin -- grant|revoke <zalo-user-id> <operator|province_official|commune_official> [<area-code>]");
    expect(run.stderr).toContain("npm run admin -- roles");
    expect(await stored()).toEqual(before);
  });

  it("revoke removes the role; roles no longer lists it; revoking again → exit 1 role_not_found", async () => {
    const run = await runCli(database.url, ["revoke", PERSON, "province_official", "01"]);
    expect(run, run.stderr).toMatchObject({ code: 0, stdout: `revoked: ${PERSON} province_official 01\n`, stderr: "" });

    const roles = await runCli(database.url, ["roles"]);
    expect(roles).toMatchObject({ code: 0, stdout: "5500000000000000001\toperator\t-\tToàn quốc\n" });

    const again = await runCli(database.url, ["revoke", PERSON, "province_official", "01"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^role_not_found: /);
  });

  it("the audit log holds exactly the three changes, by the command line's actor (cli:<user>)", async () => {
    const { audit } = await stored();
    expect(audit.map((e) => ({ ...e, id: undefined, at: undefined }))).toEqual([
      {
        id: undefined,
        actor: CLI_ACTOR,
        action: "role.grant",
        target: PERSON,
        area_code: "01",
        before_state: null,
        after_state: JSON.stringify({ role: "province_official", areaCode: "01" }),
        at: undefined,
      },
      {
        id: undefined,
        actor: CLI_ACTOR,
        action: "role.grant",
        target: "5500000000000000001",
        area_code: "",
        before_state: null,
        after_state: JSON.stringify({ role: "operator", areaCode: "" }),
        at: undefined,
      },
      {
        id: undefined,
        actor: CLI_ACTOR,
        action: "role.revoke",
        target: PERSON,
        area_code: "01",
        before_state: expect.any(String),
        after_state: null,
        at: undefined,
      },
    ]);
    for (const e of audit) expect(e.actor.startsWith("cli:")).toBe(true);
    const grantedAt = audit[0]!.at;
    expect(grantedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(JSON.parse(audit[2]!.before_state!)).toEqual({ role: "province_official", areaCode: "01", grantedBy: CLI_ACTOR, grantedAt });
  });
  it("import-followers (sandbox with SANDBOX_SEED): imports the followers who were there before the server, and says how many", async () => {
    const run = await runCli(database.url, ["import-followers"], { SANDBOX_SEED: "cli-test", SANDBOX_FOLLOWERS: "120" });
    expect(run.code, run.stderr).toBe(0);
    const n = Number(/followers imported: (\d+)/.exec(run.stdout)?.[1]);
    // syntheticFollower: 2 % have unfollowed, so a little under 120 follow.
    expect(n).toBeGreaterThan(100);
    expect(n).toBeLessThanOrEqual(120);
    const rows = await read((db) => db.db.selectFrom("subscribers").select(["user_id", "following", "follow_checked_at"]).execute());
    expect(rows).toHaveLength(n);
    expect(rows.every((r) => r.following === 1 && r.follow_checked_at !== null)).toBe(true);
  }, 60_000);

  it("import-commune-points <file>: a CSV with a BOM, extra columns and any column order → exit 0, every point stored, audited", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ksc-points-")), "points.csv");
    writeFileSync(
      file,
      '\uFEFFten,latitude,commune_code,longitude\nPhường Ba Đình,21.0368,00004,105.8345\n"Phường Bến Thành, TP HCM",10.7721,26743,106.6983\n',
    );
    const run = await runCli(database.url, ["import-commune-points", file]);
    expect(run, run.stderr).toMatchObject({ code: 0, stdout: "commune points imported: 2\n" });
    // (The sandbox run above may have put its demo points in: only the command line's rows are compared.)
    const rows = await read((db) =>
      db.db
        .selectFrom("commune_points")
        .select(["commune_code", "latitude", "longitude", "source", "updated_by"])
        .where("updated_by", "=", CLI_ACTOR)
        .orderBy("commune_code")
        .execute(),
    );
    expect(rows).toEqual([
      { commune_code: "00004", latitude: 21.0368, longitude: 105.8345, source: "import", updated_by: CLI_ACTOR },
      { commune_code: "26743", latitude: 10.7721, longitude: 106.6983, source: "import", updated_by: CLI_ACTOR },
    ]);
    const audit = await read((db) => db.db.selectFrom("audit_log").select(["action", "after_state"]).where("action", "=", "commune_point.import").execute());
    expect(audit).toEqual([{ action: "commune_point.import", after_state: JSON.stringify({ rows: 2 }) }]);
  });

  it("import-commune-points with bad rows → exit 1, each bad line named, nothing changed (all or nothing)", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ksc-points-")), "bad.csv");
    // Good row first: it must not land either. Then an unknown code, swapped coordinates, a comma decimal, a repeat.
    writeFileSync(
      file,
      'commune_code,latitude,longitude\n00070,21.0285,105.8522\n99999,21,105\n00008,105.8197,21.0405\n26740,"10,7797",106.699\n00070,21.03,105.85\n',
    );
    const before = await read((db) => db.db.selectFrom("commune_points").selectAll().orderBy("commune_code").execute());
    const run = await runCli(database.url, ["import-commune-points", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trim().split("\n");
    expect(lines.map((l) => l.split(":")[0])).toEqual(["line 3", "line 4", "line 5", "line 6", "nothing imported"]);
    expect(lines[3]).toContain("already on line 2");
    expect(await read((db) => db.db.selectFrom("commune_points").selectAll().orderBy("commune_code").execute())).toEqual(before);
  });

  it("import-commune-points without the header's columns → exit 1 naming what is missing; without a file → usage", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ksc-points-")), "noheader.csv");
    writeFileSync(file, "00004,21.0368,105.8345\n");
    const run = await runCli(database.url, ["import-commune-points", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the header must name commune_code, latitude, longitude");
    const usage = await runCli(database.url, ["import-commune-points"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("npm run admin -- import-commune-points <file.csv>");
  });
});
