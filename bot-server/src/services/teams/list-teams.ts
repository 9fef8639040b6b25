import type { TeamList } from "../../../../shared/schemas/team.js";
import { badRequest } from "../../lib/errors.js";
import { actorCovers, forbidden, visibleAreaCodes, type Actor } from "../admin/access.js";
import { communeName } from "../areas.js";
import { coreLessonIds } from "./core-lessons.js";
import type { TeamDeps } from "./team-deps.js";

const MAX_TEAMS = 500;

interface Tally {
  teams: Set<number>;
  members: number;
  trained: number;
}
const tally = (): Tally => ({ teams: new Set(), members: 0, trained: 0 });
const pct = (t: Tally) => (t.members === 0 ? null : Math.floor((t.trained * 100) / t.members));

/**
 * Teams of an area (a province, a commune, or by default every area the official sees) with how many members
 * are trained: per team, per commune and for the whole area. One grouped query; the rest is counting.
 */
export async function listTeams(deps: TeamDeps, actor: Actor, areaCode?: string): Promise<TeamList> {
  let codes: string[] | null;
  let area: { code: string; name: string };
  if (areaCode) {
    const province = deps.areas.province(areaCode);
    const commune = deps.areas.commune(areaCode);
    if (!province && !commune) throw badRequest("invalid_area", `Mã khu vực "${areaCode}" không phải một tỉnh/thành hay xã/phường hiện hành.`);
    if (!actorCovers(actor, areaCode, deps.areas)) throw forbidden();
    codes = province ? deps.areas.communes.filter((c) => c.provinceCode === areaCode).map((c) => c.code) : [areaCode];
    area = { code: areaCode, name: province?.name ?? commune!.fullName };
  } else {
    codes = visibleAreaCodes(actor, deps.areas);
    area = { code: "", name: codes === null ? "Toàn quốc" : "Khu vực của tôi" };
  }
  const core = coreLessonIds(deps.catalog);
  const [teams, training] = await Promise.all([deps.repos.teams.inCommunes(codes, MAX_TEAMS), deps.repos.teams.memberTraining(codes, core)]);
  const byTeam = new Map<number, Tally>();
  const byCommune = new Map<string, Tally>();
  const total = tally();
  for (const t of teams) {
    byTeam.set(Number(t.id), tally());
    if (!byCommune.has(t.commune_code)) byCommune.set(t.commune_code, tally());
    byCommune.get(t.commune_code)!.teams.add(Number(t.id));
    total.teams.add(Number(t.id));
  }
  for (const r of training) {
    const trained = core.length > 0 && r.passed >= core.length ? 1 : 0;
    for (const t of [byTeam.get(r.team_id), byCommune.get(r.commune_code), total]) {
      if (!t) continue;
      t.members++;
      t.trained += trained;
    }
  }
  const leaders = new Map(
    (await deps.repos.teams.leadersOf(teams.map((t) => Number(t.id)))).map((l) => [Number(l.team_id), { learnerId: l.learner_id, name: l.name }]),
  );
  const view = (code: string, name: string, t: Tally) => ({ code, name, teams: t.teams.size, members: t.members, trained: t.trained, trainedPct: pct(t) });
  return {
    area: view(area.code, area.name, total),
    communes: [...byCommune].map(([code, t]) => view(code, communeName(deps.areas, code), t)),
    teams: teams.map((t) => {
      const s = byTeam.get(Number(t.id))!;
      return {
        id: Number(t.id),
        name: t.name,
        communeCode: t.commune_code,
        communeName: communeName(deps.areas, t.commune_code),
        refCode: t.ref_code,
        createdAt: t.created_at,
        leader: leaders.get(Number(t.id)) ?? null,
        members: s.members,
        trained: s.trained,
      };
    }),
  };
}
