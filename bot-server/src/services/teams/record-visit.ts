import { HOUSEHOLD_HIDDEN_MESSAGE, HOUSEHOLD_MAX, householdLabel, householdProblem, type HouseholdProblem } from "../../../../shared/lib/team-rules.js";
import { vietnamDate } from "../../../../shared/lib/vietnam-time.js";
import type { VisitRequest } from "../../../../shared/schemas/team.js";
import { AppError, badRequest, conflict } from "../../lib/errors.js";
import type { VisitRow } from "../../repositories/visits.js";
import { addVisitToRollups } from "../reports/rollups.js";
import type { TeamDeps } from "./team-deps.js";

/** How far back a visit may be dated. */
export const VISIT_MAX_AGE_DAYS = 366;

/** Refusals of a household label (error code household_<problem>). */
const HOUSEHOLD_REFUSALS: Record<HouseholdProblem, string> = {
  missing: 'Hãy ghi địa chỉ hoặc tên gọi của hộ, ví dụ "Nhà bác Tư, xóm 3".',
  too_long: `Địa chỉ hộ dài quá ${HOUSEHOLD_MAX} ký tự. Hãy ghi ngắn gọn hơn.`,
  hidden_characters: HOUSEHOLD_HIDDEN_MESSAGE,
  id_number: "Không ghi số căn cước, số điện thoại hay dãy số dài vào đây. Chỉ ghi địa chỉ hoặc tên gọi của hộ.",
};

const notInTeam = () => new AppError(403, "not_in_team", "Chỉ thành viên của một tổ công nghệ số mới ghi nhận được hộ đã hỗ trợ.");

export function toVisitView(v: VisitRow) {
  return { id: v.id, household: v.household, visitedOn: v.visited_on, kinds: v.kinds, createdAt: v.created_at };
}

/**
 * A member records a household visit: a label (no ID numbers), a date not in the future (Vietnam time), what
 * they helped with (kinds from the data file). A retried request with the same id is answered with the stored visit.
 */
export async function recordVisit(deps: TeamDeps, learnerId: string, req: VisitRequest) {
  const m = await deps.repos.teams.membershipOf(learnerId);
  if (!m) throw notInTeam();
  const household = householdLabel(req.household);
  const problem = householdProblem(household);
  if (problem) throw badRequest(`household_${problem}`, HOUSEHOLD_REFUSALS[problem]);
  const now = deps.clock.now();
  const today = vietnamDate(now);
  if (req.visitedOn > today) throw badRequest("visit_in_future", "Ngày hỗ trợ không thể sau hôm nay.");
  if (req.visitedOn < vietnamDate(now.getTime() - VISIT_MAX_AGE_DAYS * 86400_000)) throw badRequest("visit_too_old", "Ngày hỗ trợ đã quá một năm.");
  const known = new Set(deps.visitKinds.filter((k) => !k.retired).map((k) => k.id));
  const kinds = [...new Set(req.kinds)];
  const unknown = kinds.find((k) => !known.has(k));
  if (unknown !== undefined) throw badRequest("unknown_visit_kind", "Có việc hỗ trợ không có trong danh sách. Hãy chọn lại.");
  const row: VisitRow = {
    id: req.id,
    member_id: learnerId,
    team_id: Number(m.team_id),
    household,
    visited_on: req.visitedOn,
    kinds,
    created_at: now.toISOString(),
  };
  const inserted = await deps.repos.transaction(async (repos) => {
    if (!(await repos.visits.insert({ ...row, kinds: JSON.stringify(kinds) }))) return false;
    await addVisitToRollups(repos, { team_id: row.team_id, commune_code: m.commune_code, visited_on: row.visited_on, kinds });
    return true;
  });
  if (!inserted) {
    const stored = await deps.repos.visits.find(req.id);
    if (!stored || stored.member_id !== learnerId) throw conflict("visit_id_taken", "Mã lượt ghi nhận đã được dùng.");
    return toVisitView(stored);
  }
  return toVisitView(row);
}
