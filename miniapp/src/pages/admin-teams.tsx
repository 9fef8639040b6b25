import { useState } from "react";
import { Button, Page, useNavigate } from "zmp-ui";
import { CommunePicker, type PickedCommune } from "../admin/commune-picker";
import { ErrorBox } from "../admin/error-box";
import "../admin/admin.css";
import { AppHeader } from "../components/app-header";
import { NavBar } from "../components/nav-bar";
import { NetworkBanner } from "../components/network-banner";
import { useAppState } from "../state/store";
import type { TeamView } from "../../../shared/schemas/team";
import { errorText } from "../api/error-text";
import { teamApi } from "../api/session";
import { Field } from "../components/field";
import { useLoad } from "../lib/use-load";
import { InviteCard } from "../team/invite-card";
import { Members } from "../team/members";
import "../team/team.css";
import { TEAM_NAME_MAX } from "../../../shared/lib/team-rules";

const pct = (trained: number, members: number) => (members ? `${Math.floor((trained * 100) / members)} %` : "—");

/**
 * Names a team's leader among its members: the person joins first with an invite (so they agreed to be in the
 * team), then the official picks them here.
 */
function LeaderForm({ team, onDone }: { team: TeamView; onDone(): void }) {
  const list = useLoad(() => teamApi.members(team.id), [team.id]);
  const members = list.data?.members.filter((m) => m.role === "member") ?? null;
  const [choice, setChoice] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const error = failure ?? (list.error ? errorText(list.error) : null);
  const save = async () => {
    if (!choice) return setFailure("Hãy chọn một thành viên của tổ.");
    try {
      await teamApi.nameLeader(team.id, { learnerId: choice });
      onDone();
    } catch (e) {
      setFailure(errorText(e));
    }
  };
  return (
    <div className="open-form">
      {members?.length ? (
        <>
          <Field id={`leader-${team.id}`} label="Chọn tổ trưởng trong thành viên">
            {(described) => (
              <select className="field__input" value={choice} onChange={(e) => setChoice(e.target.value)} {...described}>
                <option value="">— Chưa chọn —</option>
                {members.map((m) => (
                  <option key={m.learnerId} value={m.learnerId}>
                    {m.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ErrorBox message={error} />
          <Button fullWidth onClick={() => void save()}>
            Cử làm tổ trưởng
          </Button>
        </>
      ) : members ? (
        <ErrorBox message={error} />
      ) : (
        <p role="status">Đang tải thành viên…</p>
      )}
      <p className="field__hint">Người được cử chưa có trong tổ? Gửi mã mời cho họ. Khi họ đã vào tổ, bấm “Tải lại danh sách” rồi chọn họ.</p>
      <InviteCard team={team} purpose="leader" />
      <Button fullWidth variant="secondary" onClick={() => void list.reload()}>
        Tải lại danh sách
      </Button>
    </div>
  );
}

/** Officials: the teams of my area with % trained, creating a team, naming its leader. */
export default function AdminTeamsPage() {
  const navigate = useNavigate();
  const roles = useAppState((s) => s.adminRoles);
  const communeRoles = roles.filter((r) => r.role === "commune_official");
  const province = roles.find((r) => r.role === "province_official")?.areaCode ?? null;
  const teams = useLoad(() => teamApi.teams(), []);
  const list = teams.data;
  const [failure, setFailure] = useState<string | null>(null);
  const error = failure ?? (teams.error ? errorText(teams.error) : null);
  const [name, setName] = useState("");
  const [commune, setCommune] = useState<string>(communeRoles[0]?.areaCode ?? "");
  const [picked, setPicked] = useState<PickedCommune[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [leaderFor, setLeaderFor] = useState<number | null>(null);
  const [membersFor, setMembersFor] = useState<number | null>(null);
  const communeCode = communeRoles.length ? commune : (picked[0]?.code ?? "");
  const create = async () => {
    if (!communeCode) return setFailure("Hãy chọn xã/phường của tổ.");
    try {
      const t = await teamApi.createTeam(communeCode, name);
      setDone(`Đã lập ${t.name}. Hãy gửi mã mời cho người sẽ làm tổ trưởng, rồi cử họ khi họ đã vào tổ.`);
      setName("");
      setFailure(null);
      setLeaderFor(t.id);
      void teams.reload();
    } catch (e) {
      setFailure(errorText(e));
    }
  };
  return (
    <Page className="page admin">
      <AppHeader title="Tổ công nghệ số" back="/admin" />
      <NetworkBanner />
      <main className="content">
        {done ? (
          <p className="done-box" role="status">
            {done}
          </p>
        ) : null}
        {list ? (
          <section className="card" aria-labelledby="summary-title">
            <h2 id="summary-title" className="card__title">
              {list.area.name}
            </h2>
            <p>
              {list.area.teams} tổ, {list.area.members} thành viên. Đã học xong 5 kỹ năng cơ bản: {list.area.trained} người (
              {pct(list.area.trained, list.area.members)}).
            </p>
            {list.communes.length > 1 ? (
              <ul className="plain-list">
                {list.communes.map((c) => (
                  <li key={c.code}>
                    {c.name}: {c.trained}/{c.members} ({pct(c.trained, c.members)})
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ) : null}
        <section className="card" aria-labelledby="teams-list-title">
          <h2 id="teams-list-title" className="card__title">
            Các tổ
          </h2>
          {!list && !error ? <p role="status">Đang tải…</p> : null}
          {list && !list.teams.length ? <p className="empty-note">Chưa có tổ nào.</p> : null}
          <ul className="plain-list">
            {list?.teams.map((t) => (
              <li key={t.id} className="member">
                <div className="member__top">
                  <span className="member__name">{t.name}</span>
                  <span className={`trained ${t.members > 0 && t.trained === t.members ? "trained--yes" : "trained--no"}`}>{pct(t.trained, t.members)}</span>
                </div>
                <p className="team-card__meta">{t.communeName}</p>
                <p className="team-card__meta">
                  Tổ trưởng: {t.leader?.name ?? "chưa cử"} · {t.members} thành viên, {t.trained} đã học xong
                </p>
                {leaderFor === t.id ? (
                  <LeaderForm
                    team={t}
                    onDone={() => {
                      setLeaderFor(null);
                      setDone(`Đã cử tổ trưởng cho ${t.name}.`);
                      void teams.reload();
                    }}
                  />
                ) : (
                  <Button size="small" variant="tertiary" onClick={() => setLeaderFor(t.id)}>
                    {t.leader ? "Đổi tổ trưởng" : "Cử tổ trưởng"}
                  </Button>
                )}
                {t.members > 0 ? (
                  <Button size="small" variant="tertiary" aria-expanded={membersFor === t.id} onClick={() => setMembersFor(membersFor === t.id ? null : t.id)}>
                    {membersFor === t.id ? "Ẩn thành viên" : "Xem thành viên"}
                  </Button>
                ) : null}
                {membersFor === t.id ? <Members teamId={t.id} canRemove /> : null}
                <Button size="small" variant="tertiary" onClick={() => navigate(`/admin/reports?team=${t.id}`)}>
                  Báo cáo của tổ
                </Button>
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="new-team-title">
          <h2 id="new-team-title" className="card__title">
            Lập tổ mới
          </h2>
          <Field id="team-name" label="Tên tổ" counter={{ text: `${name.length}/${TEAM_NAME_MAX}`, over: name.length > TEAM_NAME_MAX }}>
            {(described) => (
              <input
                className="field__input"
                value={name}
                maxLength={TEAM_NAME_MAX + 20}
                placeholder="Ví dụ: Tổ công nghệ số thôn 3"
                onChange={(e) => setName(e.target.value)}
                {...described}
              />
            )}
          </Field>
          {communeRoles.length > 1 ? (
            <Field id="team-commune" label="Xã/phường">
              {(described) => (
                <select className="field__input" value={commune} onChange={(e) => setCommune(e.target.value)} {...described}>
                  {communeRoles.map((r) => (
                    <option key={r.areaCode} value={r.areaCode}>
                      {r.areaName}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : communeRoles.length === 1 ? (
            <p className="admin-hint">Xã/phường: {communeRoles[0]!.areaName}</p>
          ) : province ? (
            <CommunePicker provinceCode={province} value={picked} onChange={(next) => setPicked(next.slice(-1))} />
          ) : (
            <p className="admin-hint">Người vận hành lập tổ bằng API (/api/v1/admin/teams) với mã xã/phường.</p>
          )}
          <ErrorBox message={error} />
          <Button fullWidth size="large" disabled={!name.trim() || name.length > TEAM_NAME_MAX} onClick={() => void create()}>
            Lập tổ
          </Button>
        </section>
      </main>
      <NavBar />
    </Page>
  );
}
