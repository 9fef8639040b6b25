import { describe, expect, it } from "vitest";
import { teamMonths } from "./build-report.js";
import { contribution, difference } from "./rollups.js";

const CORE = ["a", "b"];
const base = { credit: null, memberships: [], completions: [], attempts: [] };

describe("report rollups, the pure parts", () => {
  it("a team's months count a started month whole", () => {
    const now = new Date("2026-11-28T00:00:00Z");
    expect(teamMonths("2026-11-28T00:00:00Z", now)).toBe(1);
    expect(teamMonths("2026-10-29T00:00:00Z", now)).toBe(1);
    expect(teamMonths("2026-10-28T00:00:00Z", now)).toBe(2);
  });

  it("a member counts once, trained only with every core lesson passed; a removed one only for the week they joined", () => {
    const m = { team_id: 1, commune_code: "00004", joined_at: "2026-11-24T03:00:00Z", active: true };
    const rows = contribution(
      {
        ...base,
        memberships: [m],
        attempts: [
          { lesson_id: "a", passed: 1 },
          { lesson_id: "b", passed: 0 },
        ],
      },
      CORE,
    );
    expect(rows).toEqual([
      { table: "weeks", teamId: 1, communeCode: "00004", key: "2026-11-23", add: { joined: 1 } },
      { table: "totals", teamId: 1, communeCode: "00004", key: "", add: { members: 1, trained: 0 } },
    ]);
    const trained = contribution(
      {
        ...base,
        memberships: [m],
        attempts: [
          { lesson_id: "a", passed: 1 },
          { lesson_id: "b", passed: 1 },
        ],
      },
      CORE,
    );
    expect(difference(trained, rows)).toEqual([{ table: "totals", teamId: 1, communeCode: "00004", key: "", add: { members: 0, trained: 1 } }]);
    const removed = contribution({ ...base, memberships: [{ ...m, active: false }] }, CORE);
    expect(removed).toEqual([{ table: "weeks", teamId: 1, communeCode: "00004", key: "2026-11-23", add: { joined: 1 } }]);
  });

  it("a credited resident brings their lessons and quizzes to the team, whenever they learned", () => {
    const credit = { team_id: 2, commune_code: "00004", consented_at: "2026-11-27T03:00:00Z" };
    const before = contribution({ ...base, credit }, CORE);
    const after = contribution(
      { ...base, credit, completions: [{ lesson_id: "a", completed_at: "2026-11-20T03:00:00Z" }], attempts: [{ lesson_id: "a", passed: 1 }] },
      CORE,
    );
    expect(difference(after, before)).toEqual([
      { table: "totals", teamId: 2, communeCode: "00004", key: "", add: { credited: 0, learning: 1, lessons: 1 } },
      { table: "weeks", teamId: 2, communeCode: "00004", key: "2026-11-16", add: { lessons: 1 } },
      { table: "quiz", teamId: 2, communeCode: "00004", key: "a", add: { attempted: 1, passed: 1 } },
    ]);
    // Nothing about a person who is neither credited nor in a team.
    expect(contribution({ ...base, attempts: [{ lesson_id: "a", passed: 1 }] }, CORE)).toEqual([]);
  });
});
