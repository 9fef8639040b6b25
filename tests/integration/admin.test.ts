import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../shared/constants/roles.js";
import { repositories } from "../../bot-server/src/repositories/index.js";
import type { RoleRow } from "../../bot-server/src/repositories/roles.js";
import { CLI_ROLES, type Actor } from "../../bot-server/src/services/admin/access.js";
import { grantRole, revokeRole, type RoleDeps } from "../../bot-server/src/services/admin/manage-roles.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { createTestApp, signInAs } from "../helpers/app.js";
import { createTestDb, DIALECTS, type TestDb } from "../helpers/databases.js";
import { expectAppError } from "../helpers/errors.js";
import { fixtureCourse, manualClock } from "../helpers/fixture.js";
import { adminSnapshot } from "../helpers/rows.js";

const course = fixtureCourse();
const areas = loadAreas();

const ME = "/api/v1/admin/me";
const ROLES = "/api/v1/admin/roles";
const AUDIT = "/api/v1/admin/audit";

// The sandbox users (signInAs index 0…4) and the roles they are given.
const OPERATOR = "5500000000000000001";
const PROVINCE = "5500000000000000002"; // province official of 01
const COMMUNE = "5500000000000000003"; // commune official of 00004
const NOBODY = "5500000000000000004"; // no role
const USERS = [OPERATOR, PROVINCE, COMMUNE, NOBODY];

const HA_NOI = "01";
const BA_DINH = "00004";
const SAME_PROVINCE_COMMUNE = areas.communes.find((c) => c.provinceCode === HA_NOI && c.code !== BA_DINH)!.code;
const OTHER_COMMUNE = areas.communes.find((c) => c.provinceCode !== HA_NOI)!.code;
const OTHER_PROVINCE = areas.commune(OTHER_COMMUNE)!.provinceCode;

/** Seeds roles the way the command line does. */
const SEEDER: Actor = { id: "cli:test", roles: CLI_ROLES };

interface Grant {
  zaloUserId: string;
  role: Role;
  areaCode: string;
}

const areaNameOf = (role: Role, code: string) =>
  role === "operator" ? "Toàn quốc" : role === "province_official" ? areas.province(code)!.name : areas.commune(code)!.fullName;

/** Checks a refusal: status, the exact error body, and nothing of the server's insides in it. */
function expectRefusal(res: LightMyRequestResponse, status: number, code: string): void {
  expect({ status: res.statusCode, error: res.json().error }).toEqual({ status, error: code });
  const body = res.json();
  expect(Object.keys(body).sort()).toEqual(["error", "message", "requestId"]);
  expect(body.message).toEqual(expect.any(String));
  expect(res.body).not.toMatch(/stack|\bat .+\.(ts|js):\d+|select |insert into|sqlite|postgres|relation "|node_modules/i);
}

/** A fresh server with the four sandbox users signed in and roles seeded for users 1–3. */
async function startAdminWorld(dialect: (typeof DIALECTS)[number]) {
  const clock = manualClock(new Date("2025-08-01T02:00:00.000Z"));
  const t = await createTestApp(dialect, { course, clock });
  const tokens = new Map<string, string>();
  for (let i = 0; i < USERS.length; i++) {
    const s = await signInAs(t.app, i);
    expect(s.zaloUserId).toBe(USERS[i]);
    tokens.set(s.zaloUserId, s.token);
  }
  const deps: RoleDeps = { repos: repositories(t.testDb.db.db, t.testDb.db.dialect), areas, clock };
  await grantRole(deps, SEEDER, { zaloUserId: OPERATOR, role: "operator", areaCode: "" });
  await grantRole(deps, SEEDER, { zaloUserId: PROVINCE, role: "province_official", areaCode: HA_NOI });
  await grantRole(deps, SEEDER, { zaloUserId: COMMUNE, role: "commune_official", areaCode: BA_DINH });

  const call = (method: "GET" | "POST" | "DELETE", url: string, who: string | null, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: who === null ? {} : { authorization: `Bearer ${tokens.get(who) ?? who}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const snap = () => adminSnapshot(t.testDb.db.db);

  /** The request is refused as expected and no role or audit entry changed. */
  async function refusedWithoutChange(req: () => Promise<LightMyRequestResponse>, status: number, code: string) {
    const before = await snap();
    expectRefusal(await req(), status, code);
    expect(await snap()).toEqual(before);
  }

  /** A new audit entry, as the database holds it and as the operator reads it over HTTP. */
  async function expectOneNewAuditEntry(before: Awaited<ReturnType<typeof snap>>, after: Awaited<ReturnType<typeof snap>>, entry: Record<string, unknown>) {
    expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit);
    expect(after.audit).toHaveLength(before.audit.length + 1);
    const row = after.audit.at(-1)!;
    expect(row).toEqual({ id: expect.any(Number), ...entry, before_state: row.before_state, after_state: row.after_state });
    const read = await call("GET", `${AUDIT}?limit=1`, OPERATOR);
    expect(read.statusCode).toBe(200);
    expect(read.json().entries).toEqual([
      {
        id: row.id,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        areaCode: entry.area_code,
        before: row.before_state === null ? null : JSON.parse(row.before_state),
        after: row.after_state === null ? null : JSON.parse(row.after_state),
        at: entry.at,
      },
    ]);
    return row;
  }

  /** `actor` grants `g` over HTTP: 200 with the role, one new role row, exactly one audit entry. */
  async function grantOk(actor: string, g: Grant) {
    const before = await snap();
    clock.advanceMinutes(1);
    const at = clock.now().toISOString();
    const res = await call("POST", ROLES, actor, g);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...g, areaName: areaNameOf(g.role, g.areaCode), grantedBy: actor, grantedAt: at });

    const after = await snap();
    const row: RoleRow = { zalo_user_id: g.zaloUserId, role: g.role, area_code: g.areaCode, granted_by: actor, granted_at: at };
    expect(after.roles).toHaveLength(before.roles.length + 1);
    expect(after.roles).toEqual(expect.arrayContaining([...before.roles, row]));
    const entry = await expectOneNewAuditEntry(before, after, { actor, action: "role.grant", target: g.zaloUserId, area_code: g.areaCode, at });
    expect(entry.before_state).toBeNull();
    expect(JSON.parse(entry.after_state!)).toEqual({ role: g.role, areaCode: g.areaCode });
  }

  /** `actor` revokes `g` over HTTP: 200, the role row gone, exactly one audit entry holding the role as it was. */
  async function revokeOk(actor: string, g: Grant) {
    const before = await snap();
    const existing = before.roles.find((r) => r.zalo_user_id === g.zaloUserId && r.role === g.role && r.area_code === g.areaCode);
    expect(existing, "the role to revoke exists").toBeDefined();
    clock.advanceMinutes(1);
    const at = clock.now().toISOString();
    const res = await call("DELETE", ROLES, actor, g);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ revoked: true });

    const after = await snap();
    expect(after.roles).toEqual(before.roles.filter((r) => r !== existing));
    const entry = await expectOneNewAuditEntry(before, after, { actor, action: "role.revoke", target: g.zaloUserId, area_code: g.areaCode, at });
    expect(JSON.parse(entry.before_state!)).toEqual({ role: g.role, areaCode: g.areaCode, grantedBy: existing!.granted_by, grantedAt: existing!.granted_at });
    expect(entry.after_state).toBeNull();
  }

  let n = 0;
  /** A Zalo user id nobody has used yet (the person need not have opened the mini app). */
  const newPerson = () => `88000000000000${String(++n).padStart(5, "0")}`;

  /** Gives a fresh person a role directly (as the command line would), for revocation tests. */
  async function seeded(role: Role, areaCode: string): Promise<Grant> {
    const g = { zaloUserId: newPerson(), role, areaCode };
    await grantRole(deps, SEEDER, g);
    return g;
  }

  return { t, clock, deps, call, snap, refusedWithoutChange, grantOk, revokeOk, newPerson, seeded };
}

describe.each(DIALECTS)("admin roles over HTTP on %s", (dialect) => {
  let w: Awaited<ReturnType<typeof startAdminWorld>>;

  beforeAll(async () => {
    w = await startAdminWorld(dialect);
  });
  afterAll(async () => {
    await w.t.close();
  });

  it("the test areas are what the tests assume", () => {
    expect(areas.commune(BA_DINH)).toMatchObject({ provinceCode: HA_NOI, name: "Phường Ba Đình" });
    expect(areas.commune(SAME_PROVINCE_COMMUNE)!.provinceCode).toBe(HA_NOI);
    expect(OTHER_PROVINCE).not.toBe(HA_NOI);
    expect(areas.province(OTHER_PROVINCE)).toBeDefined();
  });

  describe("POST /api/v1/admin/roles (grant)", () => {
    it("the operator grants every valid role, in any province or commune", async () => {
      await w.grantOk(OPERATOR, { zaloUserId: w.newPerson(), role: "operator", areaCode: "" });
      await w.grantOk(OPERATOR, { zaloUserId: w.newPerson(), role: "province_official", areaCode: HA_NOI });
      await w.grantOk(OPERATOR, { zaloUserId: w.newPerson(), role: "province_official", areaCode: OTHER_PROVINCE });
      await w.grantOk(OPERATOR, { zaloUserId: w.newPerson(), role: "commune_official", areaCode: BA_DINH });
      await w.grantOk(OPERATOR, { zaloUserId: w.newPerson(), role: "commune_official", areaCode: SAME_PROVINCE_COMMUNE });
      await w.grantOk(OPERATOR, { zaloUserId: w.newPerson(), role: "commune_official", areaCode: OTHER_COMMUNE });
    });

    it("the operator may give a signed-in person without a role a second, different role", async () => {
      await w.grantOk(OPERATOR, { zaloUserId: NOBODY, role: "commune_official", areaCode: OTHER_COMMUNE });
      await w.grantOk(OPERATOR, { zaloUserId: NOBODY, role: "commune_official", areaCode: SAME_PROVINCE_COMMUNE });
      // Give NOBODY back its blank slate for the tests that follow.
      await w.revokeOk(OPERATOR, { zaloUserId: NOBODY, role: "commune_official", areaCode: OTHER_COMMUNE });
      await w.revokeOk(OPERATOR, { zaloUserId: NOBODY, role: "commune_official", areaCode: SAME_PROVINCE_COMMUNE });
    });

    it("a province official grants commune officials in communes of its province", async () => {
      await w.grantOk(PROVINCE, { zaloUserId: w.newPerson(), role: "commune_official", areaCode: BA_DINH });
      await w.grantOk(PROVINCE, { zaloUserId: w.newPerson(), role: "commune_official", areaCode: SAME_PROVINCE_COMMUNE });
    });

    it.each<[string, Role, () => string]>([
      ["a commune official of a commune of another province", "commune_official", () => OTHER_COMMUNE],
      ["a province official of its own province", "province_official", () => HA_NOI],
      ["a province official of another province", "province_official", () => OTHER_PROVINCE],
      ["an operator", "operator", () => ""],
    ])("a province official cannot grant %s → 403 forbidden_area, nothing changed", async (_name, role, area) => {
      await w.refusedWithoutChange(() => w.call("POST", ROLES, PROVINCE, { zaloUserId: w.newPerson(), role, areaCode: area() }), 403, "forbidden_area");
    });

    it.each<[string, Role, () => string]>([
      ["a commune official of its own commune", "commune_official", () => BA_DINH],
      ["a commune official of another commune of its province", "commune_official", () => SAME_PROVINCE_COMMUNE],
      ["a commune official of a commune of another province", "commune_official", () => OTHER_COMMUNE],
      ["a province official of its province", "province_official", () => HA_NOI],
      ["a province official of another province", "province_official", () => OTHER_PROVINCE],
      ["an operator", "operator", () => ""],
    ])("a commune official cannot grant %s → 403 forbidden_area, nothing changed", async (_name, role, area) => {
      await w.refusedWithoutChange(() => w.call("POST", ROLES, COMMUNE, { zaloUserId: w.newPerson(), role, areaCode: area() }), 403, "forbidden_area");
    });

    it("someone without a role → 403 not_an_official, inside and outside Hà Nội, nothing changed", async () => {
      for (const areaCode of [BA_DINH, OTHER_COMMUNE]) {
        await w.refusedWithoutChange(
          () => w.call("POST", ROLES, NOBODY, { zaloUserId: w.newPerson(), role: "commune_official", areaCode }),
          403,
          "not_an_official",
        );
      }
      await w.refusedWithoutChange(() => w.call("POST", ROLES, NOBODY, { zaloUserId: NOBODY, role: "operator", areaCode: "" }), 403, "not_an_official");
    });

    it("no session → 401, a forged session → 401, nothing changed", async () => {
      const g = { zaloUserId: w.newPerson(), role: "commune_official", areaCode: BA_DINH };
      await w.refusedWithoutChange(() => w.call("POST", ROLES, null, g), 401, "missing_session");
      await w.refusedWithoutChange(() => w.call("POST", ROLES, "not.a.real-session-token", g), 401, "invalid_session");
    });

    it("a duplicate grant → 409 role_exists, nothing changed (operator and province official)", async () => {
      await w.refusedWithoutChange(
        () => w.call("POST", ROLES, OPERATOR, { zaloUserId: PROVINCE, role: "province_official", areaCode: HA_NOI }),
        409,
        "role_exists",
      );
      await w.refusedWithoutChange(
        () => w.call("POST", ROLES, PROVINCE, { zaloUserId: COMMUNE, role: "commune_official", areaCode: BA_DINH }),
        409,
        "role_exists",
      );
      await w.refusedWithoutChange(() => w.call("POST", ROLES, OPERATOR, { zaloUserId: OPERATOR, role: "operator" }), 409, "role_exists");
    });
  });

  describe("DELETE /api/v1/admin/roles (revoke)", () => {
    it("the operator revokes any role, in any province or commune", async () => {
      await w.revokeOk(OPERATOR, await w.seeded("operator", ""));
      await w.revokeOk(OPERATOR, await w.seeded("province_official", HA_NOI));
      await w.revokeOk(OPERATOR, await w.seeded("province_official", OTHER_PROVINCE));
      await w.revokeOk(OPERATOR, await w.seeded("commune_official", BA_DINH));
      await w.revokeOk(OPERATOR, await w.seeded("commune_official", OTHER_COMMUNE));
    });

    it("a role granted over HTTP is revoked with the granting person kept in the audit entry's before", async () => {
      const g = { zaloUserId: w.newPerson(), role: "commune_official" as const, areaCode: SAME_PROVINCE_COMMUNE };
      await w.grantOk(PROVINCE, g);
      await w.revokeOk(OPERATOR, g);
      const last = (await w.snap()).audit.at(-1)!;
      expect(JSON.parse(last.before_state!)).toMatchObject({ grantedBy: PROVINCE });
    });

    it("a province official revokes commune officials of communes of its province", async () => {
      await w.revokeOk(PROVINCE, await w.seeded("commune_official", BA_DINH));
      await w.revokeOk(PROVINCE, await w.seeded("commune_official", SAME_PROVINCE_COMMUNE));
    });

    it.each<[string, Role, () => string]>([
      ["a commune official of a commune of another province", "commune_official", () => OTHER_COMMUNE],
      ["a province official of its own province", "province_official", () => HA_NOI],
      ["a province official of another province", "province_official", () => OTHER_PROVINCE],
      ["an operator", "operator", () => ""],
    ])("a province official cannot revoke %s → 403 forbidden_area, nothing changed", async (_name, role, area) => {
      const g = await w.seeded(role, area());
      await w.refusedWithoutChange(() => w.call("DELETE", ROLES, PROVINCE, g), 403, "forbidden_area");
    });

    it("a province official cannot revoke its own role → 403 forbidden_area", async () => {
      await w.refusedWithoutChange(
        () => w.call("DELETE", ROLES, PROVINCE, { zaloUserId: PROVINCE, role: "province_official", areaCode: HA_NOI }),
        403,
        "forbidden_area",
      );
    });

    it.each<[string, Role, () => string]>([
      ["a commune official of its own commune", "commune_official", () => BA_DINH],
      ["a commune official of another commune of its province", "commune_official", () => SAME_PROVINCE_COMMUNE],
      ["a commune official of a commune of another province", "commune_official", () => OTHER_COMMUNE],
      ["a province official of its province", "province_official", () => HA_NOI],
      ["a province official of another province", "province_official", () => OTHER_PROVINCE],
      ["an operator", "operator", () => ""],
    ])("a commune official cannot revoke %s → 403 forbidden_area, nothing changed", async (_name, role, area) => {
      const g = await w.seeded(role, area());
      await w.refusedWithoutChange(() => w.call("DELETE", ROLES, COMMUNE, g), 403, "forbidden_area");
    });

    it("a commune official cannot revoke its own role → 403 forbidden_area", async () => {
      await w.refusedWithoutChange(
        () => w.call("DELETE", ROLES, COMMUNE, { zaloUserId: COMMUNE, role: "commune_official", areaCode: BA_DINH }),
        403,
        "forbidden_area",
      );
    });

    it("someone without a role → 403 not_an_official, inside and outside Hà Nội, nothing changed", async () => {
      for (const areaCode of [BA_DINH, OTHER_COMMUNE]) {
        const g = await w.seeded("commune_official", areaCode);
        await w.refusedWithoutChange(() => w.call("DELETE", ROLES, NOBODY, g), 403, "not_an_official");
      }
    });

    it("no session → 401, a forged session → 401, nothing changed", async () => {
      const g = await w.seeded("commune_official", BA_DINH);
      await w.refusedWithoutChange(() => w.call("DELETE", ROLES, null, g), 401, "missing_session");
      await w.refusedWithoutChange(() => w.call("DELETE", ROLES, "not.a.real-session-token", g), 401, "invalid_session");
    });

    it("a role that does not exist → 404 role_not_found for whoever may manage it, nothing changed", async () => {
      for (const g of [
        { zaloUserId: w.newPerson(), role: "operator", areaCode: "" },
        { zaloUserId: w.newPerson(), role: "province_official", areaCode: OTHER_PROVINCE },
        { zaloUserId: w.newPerson(), role: "commune_official", areaCode: OTHER_COMMUNE },
        // the person has a role, but not this one
        { zaloUserId: COMMUNE, role: "commune_official", areaCode: SAME_PROVINCE_COMMUNE },
      ]) {
        await w.refusedWithoutChange(() => w.call("DELETE", ROLES, OPERATOR, g), 404, "role_not_found");
      }
      await w.refusedWithoutChange(
        () => w.call("DELETE", ROLES, PROVINCE, { zaloUserId: w.newPerson(), role: "commune_official", areaCode: BA_DINH }),
        404,
        "role_not_found",
      );
      await w.refusedWithoutChange(
        () => w.call("DELETE", ROLES, PROVINCE, { zaloUserId: w.newPerson(), role: "commune_official", areaCode: SAME_PROVINCE_COMMUNE }),
        404,
        "role_not_found",
      );
    });

    it("outside its area a missing role is 403, not 404: nothing is told about other provinces", async () => {
      await w.refusedWithoutChange(
        () => w.call("DELETE", ROLES, PROVINCE, { zaloUserId: w.newPerson(), role: "commune_official", areaCode: OTHER_COMMUNE }),
        403,
        "forbidden_area",
      );
      await w.refusedWithoutChange(
        () => w.call("DELETE", ROLES, COMMUNE, { zaloUserId: w.newPerson(), role: "commune_official", areaCode: BA_DINH }),
        403,
        "forbidden_area",
      );
    });

    it("a revoked role is gone: revoking it again → 404, and the revoked official loses access", async () => {
      const g = { zaloUserId: NOBODY, role: "commune_official" as const, areaCode: BA_DINH };
      await w.grantOk(OPERATOR, g);
      expect((await w.call("GET", ROLES, NOBODY)).statusCode).toBe(200);
      await w.revokeOk(PROVINCE, g);
      await w.refusedWithoutChange(() => w.call("DELETE", ROLES, OPERATOR, g), 404, "role_not_found");
      expectRefusal(await w.call("GET", ROLES, NOBODY), 403, "not_an_official");
    });
  });

  describe("bad input → 400, nothing changed", () => {
    const wrongArea: [string, Role, () => string][] = [
      ["a province code for a commune official", "commune_official", () => HA_NOI],
      ["a commune code for a province official", "province_official", () => BA_DINH],
      ["no area for a province official", "province_official", () => ""],
      ["no area for a commune official", "commune_official", () => ""],
      ["a province for the operator", "operator", () => HA_NOI],
      ["a commune for the operator", "operator", () => BA_DINH],
      ["an unknown province code", "province_official", () => "99"],
      ["an unknown commune code", "commune_official", () => "99999"],
    ];

    it.each(wrongArea)("grant with %s → 400 invalid_area", async (_name, role, area) => {
      await w.refusedWithoutChange(() => w.call("POST", ROLES, OPERATOR, { zaloUserId: w.newPerson(), role, areaCode: area() }), 400, "invalid_area");
    });

    it.each(wrongArea)("revoke with %s → 400 invalid_area", async (_name, role, area) => {
      await w.refusedWithoutChange(() => w.call("DELETE", ROLES, OPERATOR, { zaloUserId: NOBODY, role, areaCode: area() }), 400, "invalid_area");
    });

    it("a province official sending a wrong kind of area gets 400 invalid_area too", async () => {
      await w.refusedWithoutChange(
        () => w.call("POST", ROLES, PROVINCE, { zaloUserId: w.newPerson(), role: "commune_official", areaCode: HA_NOI }),
        400,
        "invalid_area",
      );
      await w.refusedWithoutChange(
        () => w.call("POST", ROLES, PROVINCE, { zaloUserId: w.newPerson(), role: "commune_official", areaCode: "99999" }),
        400,
        "invalid_area",
      );
    });

    it.each<[string, unknown]>([
      ["letters", "abc"],
      ["empty", ""],
      ["26 digits", "1".repeat(26)],
      ["a number", 5500000000000000004],
      ["spaces around it", ` ${NOBODY}`],
      ["a minus sign", "-5500000000000000004"],
      ["null", null],
    ])("a malformed zaloUserId (%s) → 400 invalid_request", async (_name, zaloUserId) => {
      for (const method of ["POST", "DELETE"] as const) {
        await w.refusedWithoutChange(
          () => w.call(method, ROLES, OPERATOR, { zaloUserId, role: "commune_official", areaCode: BA_DINH }),
          400,
          "invalid_request",
        );
      }
    });

    it.each<[string, Record<string, unknown>]>([
      ["an unknown field", { zaloUserId: NOBODY, role: "commune_official", areaCode: BA_DINH, note: "x" }],
      ["a grantedBy of one's choosing", { zaloUserId: NOBODY, role: "commune_official", areaCode: BA_DINH, grantedBy: OPERATOR }],
      ["an unknown role", { zaloUserId: NOBODY, role: "admin", areaCode: "" }],
      ["no role", { zaloUserId: NOBODY, areaCode: BA_DINH }],
      ["no zaloUserId", { role: "commune_official", areaCode: BA_DINH }],
      ["an area of 3 digits", { zaloUserId: NOBODY, role: "commune_official", areaCode: "004" }],
      ["an area as a number", { zaloUserId: NOBODY, role: "province_official", areaCode: 1 }],
    ])("%s → 400 invalid_request", async (_name, body) => {
      for (const method of ["POST", "DELETE"] as const) {
        await w.refusedWithoutChange(() => w.call(method, ROLES, OPERATOR, body), 400, "invalid_request");
      }
    });

    it("an unknown query parameter or a limit out of range on the audit log → 400 invalid_request", async () => {
      for (const q of ["?limit=0", "?limit=501", "?limit=abc", "?area=79"]) {
        await w.refusedWithoutChange(() => w.call("GET", `${AUDIT}${q}`, OPERATOR), 400, "invalid_request");
      }
    });
  });
});

describe.each(DIALECTS)("what each official sees on %s", (dialect) => {
  let w: Awaited<ReturnType<typeof startAdminWorld>>;
  const X1 = "8800000000000000101"; // commune official of another commune of 01
  const X2 = "8800000000000000102"; // province official of another province
  const X3 = "8800000000000000103"; // commune official of a commune of another province
  const X4 = "8800000000000000104"; // was commune official of 00004, revoked
  const key = (r: { zaloUserId: string; role: string; areaCode: string }) => `${r.zaloUserId} ${r.role} ${r.areaCode}`;
  const rolesSeen = async (who: string) => {
    const res = await w.call("GET", ROLES, who);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().roles as Grant[]).map(key).sort();
  };
  const auditSeen = async (who: string, query = "") => {
    const res = await w.call("GET", `${AUDIT}${query}`, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().entries as { id: number; action: string; target: string; areaCode: string }[];
  };

  beforeAll(async () => {
    w = await startAdminWorld(dialect);
    const g = (zaloUserId: string, role: Role, areaCode: string) => grantRole(w.deps, SEEDER, { zaloUserId, role, areaCode });
    await g(X1, "commune_official", SAME_PROVINCE_COMMUNE);
    await g(X2, "province_official", OTHER_PROVINCE);
    await g(X3, "commune_official", OTHER_COMMUNE);
    await g(X4, "commune_official", BA_DINH);
    await revokeRole(w.deps, SEEDER, { zaloUserId: X4, role: "commune_official", areaCode: BA_DINH });
  });
  afterAll(async () => {
    await w.t.close();
  });

  it("GET /api/v1/admin/roles: the operator sees every role", async () => {
    expect(await rolesSeen(OPERATOR)).toEqual(
      [
        `${OPERATOR} operator `,
        `${PROVINCE} province_official ${HA_NOI}`,
        `${COMMUNE} commune_official ${BA_DINH}`,
        `${X1} commune_official ${SAME_PROVINCE_COMMUNE}`,
        `${X2} province_official ${OTHER_PROVINCE}`,
        `${X3} commune_official ${OTHER_COMMUNE}`,
      ].sort(),
    );
  });

  it("GET /api/v1/admin/roles: a province official sees province 01 and its communes, not another province", async () => {
    expect(await rolesSeen(PROVINCE)).toEqual(
      [`${PROVINCE} province_official ${HA_NOI}`, `${COMMUNE} commune_official ${BA_DINH}`, `${X1} commune_official ${SAME_PROVINCE_COMMUNE}`].sort(),
    );
  });

  it("GET /api/v1/admin/roles: a commune official sees only its commune", async () => {
    expect(await rolesSeen(COMMUNE)).toEqual([`${COMMUNE} commune_official ${BA_DINH}`]);
  });

  it("GET /api/v1/admin/roles shows each role with its area's name, who granted it and when", async () => {
    const res = await w.call("GET", ROLES, PROVINCE);
    const mine = (res.json().roles as Record<string, string>[]).find((r) => r.zaloUserId === COMMUNE);
    expect(mine).toEqual({
      zaloUserId: COMMUNE,
      role: "commune_official",
      areaCode: BA_DINH,
      areaName: "Phường Ba Đình, Thành phố Hà Nội",
      grantedBy: "cli:test",
      grantedAt: "2025-08-01T02:00:00.000Z",
    });
  });

  it("GET /api/v1/admin/audit: the operator sees every entry, newest first", async () => {
    const entries = await auditSeen(OPERATOR);
    expect(entries).toHaveLength(3 + 5);
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(entries[0]).toEqual({
      id: expect.any(Number),
      actor: "cli:test",
      action: "role.revoke",
      target: X4,
      areaCode: BA_DINH,
      before: { role: "commune_official", areaCode: BA_DINH, grantedBy: "cli:test", grantedAt: "2025-08-01T02:00:00.000Z" },
      after: null,
      at: "2025-08-01T02:00:00.000Z",
    });
    expect(entries.map((e) => e.areaCode).sort()).toEqual(["", HA_NOI, BA_DINH, SAME_PROVINCE_COMMUNE, OTHER_PROVINCE, OTHER_COMMUNE, BA_DINH, BA_DINH].sort());
  });

  it("GET /api/v1/admin/audit: a province official sees province 01 and its communes only", async () => {
    const entries = await auditSeen(PROVINCE);
    expect(entries.map((e) => `${e.action} ${e.target} ${e.areaCode}`).sort()).toEqual(
      [
        `role.grant ${PROVINCE} ${HA_NOI}`,
        `role.grant ${COMMUNE} ${BA_DINH}`,
        `role.grant ${X1} ${SAME_PROVINCE_COMMUNE}`,
        `role.grant ${X4} ${BA_DINH}`,
        `role.revoke ${X4} ${BA_DINH}`,
      ].sort(),
    );
  });

  it("GET /api/v1/admin/audit: a commune official sees only its commune", async () => {
    const entries = await auditSeen(COMMUNE);
    expect(entries.map((e) => `${e.action} ${e.target} ${e.areaCode}`)).toEqual([
      `role.revoke ${X4} ${BA_DINH}`,
      `role.grant ${X4} ${BA_DINH}`,
      `role.grant ${COMMUNE} ${BA_DINH}`,
    ]);
  });

  it("GET /api/v1/admin/audit?limit=2 gives the two newest visible entries", async () => {
    const all = await auditSeen(PROVINCE);
    expect(await auditSeen(PROVINCE, "?limit=2")).toEqual(all.slice(0, 2));
  });

  it("someone without a role → 403 not_an_official; no session → 401; nothing changed", async () => {
    for (const url of [ROLES, AUDIT]) {
      await w.refusedWithoutChange(() => w.call("GET", url, NOBODY), 403, "not_an_official");
      await w.refusedWithoutChange(() => w.call("GET", url, null), 401, "missing_session");
    }
  });

  it.each([
    ["the operator", OPERATOR, [{ role: "operator", areaCode: "", areaName: "Toàn quốc" }]],
    ["a province official", PROVINCE, [{ role: "province_official", areaCode: HA_NOI, areaName: "Thành phố Hà Nội" }]],
    ["a commune official", COMMUNE, [{ role: "commune_official", areaCode: BA_DINH, areaName: "Phường Ba Đình, Thành phố Hà Nội" }]],
    ["someone without a role (an empty list)", NOBODY, []],
  ])("GET /api/v1/admin/me lists the roles of %s", async (_name, who, roles) => {
    const res = await w.call("GET", ME, who);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      zaloUserId: who,
      roles: roles.map((r) => ({ zaloUserId: who, ...r, grantedBy: "cli:test", grantedAt: "2025-08-01T02:00:00.000Z" })),
    });
  });

  it("GET /api/v1/admin/me without a session → 401", async () => {
    expectRefusal(await w.call("GET", ME, null), 401, "missing_session");
  });
});

describe.each(DIALECTS)("the audit log on %s", (dialect) => {
  let testDb: TestDb;

  beforeAll(async () => {
    testDb = await createTestDb(dialect);
    const repos = repositories(testDb.db.db, testDb.db.dialect);
    await repos.audit.append({
      actor: "cli:test",
      action: "role.grant",
      target: "1",
      area_code: HA_NOI,
      before_state: null,
      after_state: "{}",
      at: "2025-08-01T02:00:00.000Z",
    });
    await repos.audit.append({
      actor: "cli:test",
      action: "role.revoke",
      target: "1",
      area_code: HA_NOI,
      before_state: "{}",
      after_state: null,
      at: "2025-08-01T02:01:00.000Z",
    });
  });
  afterAll(async () => {
    await testDb.cleanup();
  });

  it("is append-only in the database itself: UPDATE and DELETE throw and change nothing", async () => {
    const db = testDb.db.db;
    const before = await adminSnapshot(db);
    expect(before.audit).toHaveLength(2);
    const id = before.audit[0]!.id;

    await expect(db.updateTable("audit_log").set({ actor: "someone-else" }).where("id", "=", id).execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable("audit_log").set({ after_state: null }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_log").where("id", "=", id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_log SET at = ${"2000-01-01T00:00:00.000Z"}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE actor = ${"cli:test"}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(db.transaction().execute((trx) => trx.deleteFrom("audit_log").execute())).rejects.toThrow(/append-only/);

    expect(await adminSnapshot(db)).toEqual(before);
  });

  it("still takes new entries after a refused change", async () => {
    const repos = repositories(testDb.db.db, testDb.db.dialect);
    await repos.audit.append({
      actor: "cli:test",
      action: "role.grant",
      target: "2",
      area_code: "",
      before_state: null,
      after_state: "{}",
      at: "2025-08-01T02:02:00.000Z",
    });
    expect((await adminSnapshot(testDb.db.db)).audit.map((e) => e.target)).toEqual(["1", "1", "2"]);
  });

  it("a grant whose audit entry the database refuses leaves no role behind (one transaction)", async () => {
    const db = testDb.db.db;
    // The database itself refuses the entry for this one target; everything else is real.
    const target = "8899999999999999999";
    if (dialect === "sqlite") {
      await sql`CREATE TRIGGER audit_log_refuse_test BEFORE INSERT ON audit_log WHEN NEW.target = ${sql.lit(target)} BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`.execute(
        db,
      );
    } else {
      await sql`CREATE FUNCTION audit_log_refuse_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$`.execute(
        db,
      );
      await sql`CREATE TRIGGER audit_log_refuse_test BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.target = ${sql.lit(target)}) EXECUTE FUNCTION audit_log_refuse_test()`.execute(
        db,
      );
    }
    const deps: RoleDeps = { repos: repositories(db, testDb.db.dialect), areas, clock: manualClock() };
    const before = await adminSnapshot(db);
    await expect(grantRole(deps, SEEDER, { zaloUserId: target, role: "province_official", areaCode: HA_NOI })).rejects.toThrow(/refused for the test/);
    expect(await adminSnapshot(db)).toEqual(before);

    // And a revoke whose entry is refused keeps the role.
    await grantRole(deps, SEEDER, { zaloUserId: "8899999999999999998", role: "province_official", areaCode: HA_NOI });
    await sql`INSERT INTO roles (zalo_user_id, role, area_code, granted_by, granted_at) VALUES (${target}, 'commune_official', ${BA_DINH}, 'cli:test', ${"2025-08-01T02:00:00.000Z"})`.execute(
      db,
    );
    const withRole = await adminSnapshot(db);
    await expect(revokeRole(deps, SEEDER, { zaloUserId: target, role: "commune_official", areaCode: BA_DINH })).rejects.toThrow(/refused for the test/);
    expect(await adminSnapshot(db)).toEqual(withRole);
    await expectAppError(revokeRole(deps, SEEDER, { zaloUserId: "8899999999999999997", role: "commune_official", areaCode: BA_DINH }), 404, "role_not_found");
  });
});
