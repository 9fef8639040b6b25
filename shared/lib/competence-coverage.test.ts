import { describe, expect, it } from "vitest";
import type { CompetenceArea } from "../schemas/content.js";
import { fixtureCourse } from "../../tests/helpers/fixture.js";
import { competenceCoverage } from "./competence-coverage.js";

const areas: CompetenceArea[] = [
  {
    code: "0",
    title: "Thiết bị",
    confirmed: true,
    source: "Bảng nhóm 0.",
    competences: [
      { code: "0.1", title: "Dùng máy", confirmed: true },
      { code: "0.2", title: "Dùng ứng dụng", confirmed: true },
    ],
  },
  {
    code: "4",
    title: "An toàn",
    confirmed: false,
    source: "Theo DigComp 2.2.",
    competences: [
      { code: "4.1", title: "Bảo vệ thiết bị", confirmed: false },
      { code: "4.2", title: "Bảo vệ dữ liệu", confirmed: false },
      { code: "4.3", title: "Sức khỏe", confirmed: false },
    ],
  },
];
const lessons = [
  { id: "bat-may", skill: "dien-thoai", competences: ["0.1"] },
  { id: "cai-app", skill: "dien-thoai", competences: ["0.2", "4.1", "4.2"] },
  { id: "mat-khau", skill: "an-toan", competences: ["4.1", "4.2"] },
  { id: "lua-dao", skill: "an-toan", competences: ["4.2"] },
];

describe("competenceCoverage", () => {
  const { rows, gaps } = competenceCoverage(areas, lessons);
  const byCode = (code: string) => rows.find((r) => r.code === code)!;

  it("lists each area followed by its competences, in the file's order", () => {
    expect(rows.map((r) => r.code)).toEqual(["0", "0.1", "0.2", "4", "4.1", "4.2", "4.3"]);
  });

  it("counts the lessons of each competence and names their skills once each", () => {
    expect(byCode("4.2")).toEqual({
      code: "4.2",
      title: "Bảo vệ dữ liệu",
      confirmed: false,
      lessons: ["cai-app", "mat-khau", "lua-dao"],
      skills: ["dien-thoai", "an-toan"],
    });
    expect(byCode("4.1").lessons).toEqual(["cai-app", "mat-khau"]);
    expect(byCode("0.1")).toMatchObject({ lessons: ["bat-may"], skills: ["dien-thoai"] });
  });

  it("counts a lesson once for its area, however many of the area's competences it names", () => {
    expect(byCode("4").lessons).toEqual(["cai-app", "mat-khau", "lua-dao"]);
    expect(byCode("0").lessons).toEqual(["bat-may", "cai-app"]);
  });

  it("lists the competences no lesson teaches as gaps", () => {
    expect(gaps.map((g) => g.code)).toEqual(["4.3"]);
    expect(byCode("4.3")).toMatchObject({ lessons: [], skills: [] });
  });

  it("has no gaps and empty rows when there is no framework", () => {
    expect(competenceCoverage([], lessons)).toEqual({ rows: [], gaps: [] });
  });

  it("on the fixture course: 4.1 is the gap", () => {
    const course = fixtureCourse();
    const c = competenceCoverage(course.competences, course.lessons);
    expect(c.rows.map((r) => [r.code, r.lessons.length])).toEqual([
      ["0", 2],
      ["0.1", 2],
      ["0.2", 1],
      ["4", 1],
      ["4.1", 0],
      ["4.2", 1],
    ]);
    expect(c.gaps.map((g) => g.code)).toEqual(["4.1"]);
  });
});
