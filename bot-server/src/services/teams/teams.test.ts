import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositories, type Repositories } from "../../repositories/index.js";
import { inviteCodes } from "../../lib/invite-codes.js";
import { CLI_ROLES, type Actor } from "../admin/access.js";
import { loadAreas } from "../areas.js";
import { courseCatalog } from "../course-catalog.js";
import { loadVisitKinds } from "../../../../shared/visit-kinds.js";
import { createTestDb, DIALECTS, type TestDb } from "../../../../tests/helpers/databases.js";
import { expectAppError } from "../../../../tests/helpers/errors.js";
import { fixtureCourse, manualClock } from "../../../../tests/helpers/fixture.js";
import { CREDIT_CONSENT } from "../../../../shared/schemas/team.js";
import { createTeam } from "./create-team.js";
import { creditResident, getCreditStatus } from "./credit-resident.js";
import { createInvite, joinTeam } from "./join-team.js";
import { listMembers } from "./list-members.js";
import { nameLeader } from "./name-leader.js";
import { recordVisit } from "./record-visit.js";
import { removeMember } from "./remove-member.js";
import type { TeamDeps } from "./team-deps.js";

const areas = loadAreas();
const OPERATOR: Actor = { id: "cli:test", roles: CLI_ROLES };

describe.each(DIALECTS)("team services on %s", (dialect) => {
  let testDb: TestDb;
  let repos: Repositories;
  let deps: TeamDeps;
  const clock = manualClock(new Date("2026-11-28T02:00:00.000Z"));
  const people: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDb(dialect);
    repos = repositories(testDb.db.db, testDb.db.dialect);
    deps = {
      repos,
      areas,
      clock,
      invites: inviteCodes("k".repeat(32)),
      catalog: courseCatalog(fixtureCourse()),
      visitKinds: loadVisitKinds(),
      homeLink: "https://zalo.me/s/1/",
    };
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      await repos.learners.insert({
        id,
        zalo_user_id: `90000000000000000${i}`,
        name: `Người ${i}`,
        id_by_oa: null,
        ref_code: null,
        created_at: clock.now().toISOString(),
        updated_at: clock.now().toISOString(),
      });
      people.push(id);
    }
  });
  afterAll(async () => testDb?.cleanup());

  it("a new leader replaces the old one, who stays a member; a removed member's visits stay, and they can join again", async () => {
    const team = await createTeam(deps, OPERATOR, { communeCode: "00004", name: "Tổ thử" });
    // Only a member can be named: before joining, the first person is refused.
    await expectAppError(nameLeader(deps, OPERATOR, team.id, { learnerId: people[0]! }), 409, "not_a_member");
    await joinTeam(deps, { id: "900000000000000000", learnerId: people[0]! }, (await createInvite(deps, OPERATOR_AS_TEAM_ACTOR, team.id)).code);
    await nameLeader(deps, OPERATOR, team.id, { learnerId: people[0]! });
    const leader = { id: "900000000000000000", learnerId: people[0]!, roles: [] };
    const code = (await createInvite(deps, leader, team.id)).code;
    await joinTeam(deps, { id: "900000000000000001", learnerId: people[1]! }, code);
    await nameLeader(deps, OPERATOR, team.id, { learnerId: people[1]! });
    const { members } = await listMembers(deps, OPERATOR_AS_TEAM_ACTOR, team.id);
    expect(members.map((m) => [m.learnerId, m.role]).sort()).toEqual(
      [
        [people[0], "member"],
        [people[1], "leader"],
      ].sort(),
    );
    await expectAppError(nameLeader(deps, OPERATOR, team.id, { learnerId: people[1]! }), 409, "already_leader");

    const visit = await recordVisit(deps, people[0]!, { id: randomUUID(), household: "Nhà cô Ba", visitedOn: "2026-11-27", kinds: ["other", "other"] });
    expect(visit.kinds).toEqual(["other"]);
    await removeMember(deps, { id: "900000000000000001", learnerId: people[1]!, roles: [] }, team.id, people[0]!);
    expect(await repos.visits.countByMember(people[0]!)).toBe(1);
    await expectAppError(
      recordVisit(deps, people[0]!, { id: randomUUID(), household: "Nhà cô Ba", visitedOn: "2026-11-27", kinds: ["other"] }),
      403,
      "not_in_team",
    );
    const again = (await createInvite(deps, { id: "900000000000000001", learnerId: people[1]!, roles: [] }, team.id)).code;
    await joinTeam(deps, { id: "900000000000000000", learnerId: people[0]! }, again);
    expect((await repos.teams.membershipOf(people[0]!))?.role).toBe("member");
  });

  it("a resident who came through a team's own ref code (a poster) is credited to the team, with no member", async () => {
    const team = await createTeam(deps, OPERATOR, { communeCode: "00004", name: "Tổ áp phích" });
    // Someone who was already learning before scanning the poster is not the team's to claim.
    expect(await getCreditStatus(deps, people[2]!, team.refCode)).toMatchObject({ state: "none" });
    await expectAppError(creditResident(deps, people[2]!, { ref: team.refCode, consentVersion: CREDIT_CONSENT.version }), 400, "not_first_open");
    // The code the app was first opened with, kept at the first sync.
    await repos.learners.setRefIfEmpty(people[2]!, team.refCode, new Date().toISOString());
    expect(await getCreditStatus(deps, people[2]!, team.refCode)).toMatchObject({ state: "open", teamName: "Tổ áp phích", memberName: null });
    await creditResident(deps, people[2]!, { ref: team.refCode, consentVersion: CREDIT_CONSENT.version });
    expect(await repos.credits.ofResident(people[2]!)).toMatchObject({ team_id: team.id, member_id: null, ref_code: team.refCode });
    expect((await repos.learners.findById(people[2]!))?.ref_code).toBe(team.refCode);
    await expectAppError(creditResident(deps, people[2]!, { ref: team.refCode, consentVersion: CREDIT_CONSENT.version }), 409, "already_credited");
  });
});

const OPERATOR_AS_TEAM_ACTOR = { ...OPERATOR, learnerId: "none" };
