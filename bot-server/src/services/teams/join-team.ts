import { randomBytes } from "node:crypto";
import { AppError, badRequest, conflict } from "../../lib/errors.js";
import type { TeamRow } from "../../repositories/teams.js";
import { withLearnerRollups } from "../reports/rollups.js";
import { communeName } from "../areas.js";
import { requireLeaderOrOfficial } from "./leader-or-official.js";
import { newRefCode } from "./ref-codes.js";
import type { TeamActor, TeamDeps } from "./team-deps.js";

export const INVITE_DAYS = 7;

/** A new single-use invite for a team, by its leader or an official over its commune; valid for 7 days. */
export async function createInvite(deps: TeamDeps, actor: TeamActor, teamId: number): Promise<{ code: string; expiresAt: string; link: string }> {
  const { team } = await requireLeaderOrOfficial(deps, actor, teamId);
  const now = deps.clock.now();
  const expires = new Date(Math.floor(now.getTime() / 1000 + INVITE_DAYS * 86400) * 1000);
  const { code, nonce } = deps.invites.sign(team.id, expires);
  await deps.repos.teamInvites.insert({
    nonce,
    team_id: team.id,
    created_by: actor.learnerId,
    created_at: now.toISOString(),
    expires_at: expires.toISOString(),
    used_by: null,
    used_at: null,
  });
  return { code, expiresAt: expires.toISOString(), link: `${deps.homeLink}?invite=${encodeURIComponent(code)}` };
}

const invalid = () => badRequest("invalid_invite", "Mã mời không hợp lệ. Hãy nhờ tổ trưởng cho quét lại mã mời.");

/** Checks an invite code: signature (constant time), expiry, single use. Every refusal changes nothing. */
async function checkInvite(deps: TeamDeps, code: string): Promise<{ team: TeamRow; nonce: string; expiresAt: Date }> {
  const p = deps.invites.verify(code);
  if (!p) throw invalid();
  const row = await deps.repos.teamInvites.find(p.nonce);
  // A good signature over a nonce the server never stored cannot happen without the key: treat it as forged.
  if (!row || Number(row.team_id) !== p.teamId) throw invalid();
  if (p.expiresAt.getTime() <= deps.clock.now().getTime()) throw new AppError(410, "invite_expired", "Mã mời đã hết hạn. Hãy nhờ tổ trưởng tạo mã mời mới.");
  if (row.used_at) throw conflict("invite_used", "Mã mời này đã được dùng. Mỗi mã mời chỉ dùng cho một người; hãy nhờ tổ trưởng tạo mã mới.");
  const team = await deps.repos.teams.find(p.teamId);
  if (!team) throw invalid();
  return { team, nonce: p.nonce, expiresAt: p.expiresAt };
}

/** What the join screen shows before the person confirms: the team's name and commune. */
export async function previewInvite(deps: TeamDeps, code: string) {
  const { team, expiresAt } = await checkInvite(deps, code);
  return { teamId: team.id, teamName: team.name, communeName: communeName(deps.areas, team.commune_code), expiresAt: expiresAt.toISOString() };
}

/** The person confirms: they become a member, and the invite is spent, together or not at all. */
export async function joinTeam(deps: TeamDeps, actor: Pick<TeamActor, "learnerId" | "id">, code: string) {
  const { team, nonce } = await checkInvite(deps, code);
  const now = deps.clock.now().toISOString();
  const ref = newRefCode({ random: deps.random ?? randomBytes }, "m");
  await deps.repos.transaction(async (repos) => {
    const current = await repos.teams.membershipOf(actor.learnerId);
    if (current?.team_id === team.id) throw conflict("already_member", "Bạn đã là thành viên của tổ này.");
    if (current)
      throw conflict("in_another_team", `Bạn đang là thành viên của "${current.team_name}". Mỗi người chỉ ở một tổ; hãy nhờ tổ trưởng tổ đó cho rời tổ trước.`);
    if (!(await repos.teamInvites.use(nonce, actor.learnerId, now)))
      throw conflict("invite_used", "Mã mời này đã được dùng. Mỗi mã mời chỉ dùng cho một người; hãy nhờ tổ trưởng tạo mã mới.");
    const joined = await withLearnerRollups(repos, deps.catalog, actor.learnerId, () =>
      repos.teams.insertMember({
        team_id: team.id,
        learner_id: actor.learnerId,
        role: "member",
        ref_code: ref,
        joined_at: now,
        removed_at: null,
        removed_by: null,
      }),
    );
    if (!joined) {
      throw conflict("in_another_team", "Bạn đang là thành viên của một tổ khác.");
    }
    await repos.audit.append({
      actor: actor.id,
      action: "team.join",
      target: actor.id,
      area_code: team.commune_code,
      before_state: null,
      after_state: JSON.stringify({ teamId: team.id }),
      at: now,
    });
  });
  return { teamId: team.id, teamName: team.name, communeName: communeName(deps.areas, team.commune_code), refCode: ref };
}
