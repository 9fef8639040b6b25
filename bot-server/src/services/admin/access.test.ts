import { describe, expect, it } from "vitest";
import type { Role } from "../../../../shared/constants/roles.js";
import { AppError } from "../../lib/errors.js";
import { loadAreas } from "../areas.js";
import { actorCovers, canManage, checkRoleArea, CLI_ROLES, covers, visibleAreaCodes, type Actor } from "./access.js";

const areas = loadAreas();

// The areas every role is checked against, from the real 2025 units.
const HA_NOI = "01";
const BA_DINH = "00004"; // Phường Ba Đình, Thành phố Hà Nội
const SAME_PROVINCE_COMMUNE = areas.communes.find((c) => c.provinceCode === HA_NOI && c.code !== BA_DINH)!.code;
const OTHER_PROVINCE_COMMUNE = areas.communes.find((c) => c.provinceCode !== HA_NOI)!;
const OTHER_PROVINCE = OTHER_PROVINCE_COMMUNE.provinceCode;
const HA_NOI_COMMUNES = areas.communes.filter((c) => c.provinceCode === HA_NOI).map((c) => c.code);

const operator: Actor = { id: "5500000000000000001", roles: [{ role: "operator", area_code: "" }] };
const provinceOfficial: Actor = { id: "5500000000000000002", roles: [{ role: "province_official", area_code: HA_NOI }] };
const communeOfficial: Actor = { id: "5500000000000000003", roles: [{ role: "commune_official", area_code: BA_DINH }] };
const nobody: Actor = { id: "5500000000000000004", roles: [] };

/** The refusal a synchronous call throws, as { status, code }. */
function refusal(fn: () => unknown): { status: number; code: string } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    return { status: e.statusCode, code: e.code };
  }
  throw new Error("expected a refusal, but the call returned");
}

describe("the test areas", () => {
  it("are what the tests assume", () => {
    expect(areas.province(HA_NOI)?.name).toBe("Thành phố Hà Nội");
    expect(areas.commune(BA_DINH)).toMatchObject({ name: "Phường Ba Đình", provinceCode: HA_NOI });
    expect(areas.commune(SAME_PROVINCE_COMMUNE)?.provinceCode).toBe(HA_NOI);
    expect(OTHER_PROVINCE).not.toBe(HA_NOI);
    expect(areas.province(OTHER_PROVINCE)).toBeDefined();
    expect(HA_NOI_COMMUNES.length).toBeGreaterThan(1);
  });
});

describe("covers / actorCovers", () => {
  const cases: [string, Actor, Record<string, boolean>][] = [
    [
      "operator",
      operator,
      { [HA_NOI]: true, [BA_DINH]: true, [SAME_PROVINCE_COMMUNE]: true, [OTHER_PROVINCE_COMMUNE.code]: true, [OTHER_PROVINCE]: true, "": true },
    ],
    [
      "province official of 01",
      provinceOfficial,
      {
        [HA_NOI]: true,
        [BA_DINH]: true,
        [SAME_PROVINCE_COMMUNE]: true,
        [OTHER_PROVINCE_COMMUNE.code]: false,
        [OTHER_PROVINCE]: false,
        "": false,
        "99999": false,
      },
    ],
    [
      "commune official of 00004",
      communeOfficial,
      { [BA_DINH]: true, [SAME_PROVINCE_COMMUNE]: false, [HA_NOI]: false, [OTHER_PROVINCE_COMMUNE.code]: false, [OTHER_PROVINCE]: false, "": false },
    ],
  ];

  it.each(cases)("%s covers its own area and nothing outside it", (_name, actor, expected) => {
    const got = Object.fromEntries(Object.keys(expected).map((code) => [code, covers(actor.roles[0]!, code, areas)]));
    expect(got).toEqual(expected);
    const viaActor = Object.fromEntries(Object.keys(expected).map((code) => [code, actorCovers(actor, code, areas)]));
    expect(viaActor).toEqual(expected);
  });

  it("a person without a role covers nothing", () => {
    for (const code of [HA_NOI, BA_DINH, OTHER_PROVINCE, ""]) expect(actorCovers(nobody, code, areas)).toBe(false);
  });

  it("a person with several roles covers the union of them", () => {
    const two: Actor = { id: "x", roles: [communeOfficial.roles[0]!, { role: "province_official", area_code: OTHER_PROVINCE }] };
    expect(actorCovers(two, BA_DINH, areas)).toBe(true);
    expect(actorCovers(two, OTHER_PROVINCE_COMMUNE.code, areas)).toBe(true);
    expect(actorCovers(two, OTHER_PROVINCE, areas)).toBe(true);
    expect(actorCovers(two, SAME_PROVINCE_COMMUNE, areas)).toBe(false);
    expect(actorCovers(two, HA_NOI, areas)).toBe(false);
  });
});

describe("visibleAreaCodes", () => {
  it("operator: null (everything), and so is the command line", () => {
    expect(visibleAreaCodes(operator, areas)).toBeNull();
    expect(visibleAreaCodes({ id: "cli:root", roles: CLI_ROLES }, areas)).toBeNull();
  });

  it("province official: the province and exactly its communes, nothing of another province", () => {
    const codes = visibleAreaCodes(provinceOfficial, areas)!;
    expect([...codes].sort()).toEqual([HA_NOI, ...HA_NOI_COMMUNES].sort());
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toContain(BA_DINH);
    expect(codes).toContain(SAME_PROVINCE_COMMUNE);
    expect(codes).not.toContain(OTHER_PROVINCE_COMMUNE.code);
    expect(codes).not.toContain(OTHER_PROVINCE);
    expect(codes).not.toContain("");
  });

  it("commune official: only its commune", () => {
    expect(visibleAreaCodes(communeOfficial, areas)).toEqual([BA_DINH]);
  });

  it("no role: nothing", () => {
    expect(visibleAreaCodes(nobody, areas)).toEqual([]);
  });

  it("several roles: the union, without duplicates", () => {
    const codes = visibleAreaCodes(
      { id: "x", roles: [provinceOfficial.roles[0]!, communeOfficial.roles[0]!, { role: "commune_official", area_code: OTHER_PROVINCE_COMMUNE.code }] },
      areas,
    )!;
    expect([...codes].sort()).toEqual([HA_NOI, ...HA_NOI_COMMUNES, OTHER_PROVINCE_COMMUNE.code].sort());
  });
});

describe("checkRoleArea", () => {
  it("accepts an area of the role's kind and names it", () => {
    expect(checkRoleArea({ role: "operator", areaCode: "" }, areas)).toBe("");
    expect(checkRoleArea({ role: "province_official", areaCode: HA_NOI }, areas)).toBe("Thành phố Hà Nội");
    expect(checkRoleArea({ role: "province_official", areaCode: OTHER_PROVINCE }, areas)).toBe(areas.province(OTHER_PROVINCE)!.name);
    expect(checkRoleArea({ role: "commune_official", areaCode: BA_DINH }, areas)).toBe("Phường Ba Đình, Thành phố Hà Nội");
    expect(checkRoleArea({ role: "commune_official", areaCode: OTHER_PROVINCE_COMMUNE.code }, areas)).toBe(OTHER_PROVINCE_COMMUNE.fullName);
  });

  it.each<[Role, string]>([
    ["operator", HA_NOI],
    ["operator", BA_DINH],
    ["province_official", BA_DINH],
    ["province_official", ""],
    ["province_official", "99"],
    ["province_official", "00"],
    ["commune_official", HA_NOI],
    ["commune_official", ""],
    ["commune_official", "99999"],
    ["commune_official", "00000"],
  ])("refuses %s with area %j → 400 invalid_area", (role, areaCode) => {
    expect(refusal(() => checkRoleArea({ role, areaCode }, areas))).toEqual({ status: 400, code: "invalid_area" });
  });
});

describe("canManage", () => {
  const grants: [string, Role, string][] = [
    ["operator", "operator", ""],
    ["province official of 01", "province_official", HA_NOI],
    ["province official of another province", "province_official", OTHER_PROVINCE],
    ["commune official of 00004", "commune_official", BA_DINH],
    ["commune official of another commune of 01", "commune_official", SAME_PROVINCE_COMMUNE],
    ["commune official of a commune of another province", "commune_official", OTHER_PROVINCE_COMMUNE.code],
  ];
  const matrix: [string, Actor, boolean[]][] = [
    ["operator", operator, [true, true, true, true, true, true]],
    ["the command line", { id: "cli:root", roles: CLI_ROLES }, [true, true, true, true, true, true]],
    ["province official of 01", provinceOfficial, [false, false, false, true, true, false]],
    ["commune official of 00004", communeOfficial, [false, false, false, false, false, false]],
    ["no role", nobody, [false, false, false, false, false, false]],
  ];

  it.each(matrix)("%s", (_name, actor, expected) => {
    const got = grants.map(([label, role, areaCode]) => [label, canManage(actor, { role, areaCode }, areas)]);
    expect(got).toEqual(grants.map(([label], i) => [label, expected[i]]));
  });

  it("a province official of another province manages that province's communes, not 01's", () => {
    const other: Actor = { id: "x", roles: [{ role: "province_official", area_code: OTHER_PROVINCE }] };
    expect(canManage(other, { role: "commune_official", areaCode: OTHER_PROVINCE_COMMUNE.code }, areas)).toBe(true);
    expect(canManage(other, { role: "commune_official", areaCode: BA_DINH }, areas)).toBe(false);
  });
});
