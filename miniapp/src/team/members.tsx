import { useState } from "react";
import { Button } from "zmp-ui";
import { ErrorBox } from "../admin/error-box";
import { skills } from "../lib/course";
import type { MemberView } from "../../../shared/schemas/team";
import { errorText } from "../api/error-text";
import { teamApi } from "../api/session";
import { useLoad } from "../lib/use-load";

const skillName = (id: string) => skills.find((s) => s.id === id)?.short ?? id;

/** A team's members with their progress in each core skill (for its leader and officials); the leader may remove members. */
export function Members({ teamId, canRemove = false }: { teamId: number; canRemove?: boolean }) {
  const members = useLoad(() => teamApi.members(teamId), [teamId]);
  const [confirm, setConfirm] = useState<MemberView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = async (m: MemberView) => {
    try {
      await teamApi.removeMember(teamId, m.learnerId);
      setConfirm(null);
      setError(null);
      void members.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };
  // A failed reload shows why instead of a list that may be out of date.
  const ready = members.data && !members.error ? members.data.members : null;
  const list = ready ?? [];
  const trained = list.filter((m) => m.trained).length;
  return (
    <section className="card" aria-labelledby={`members-title-${teamId}`}>
      <h2 id={`members-title-${teamId}`} className="card__title">
        Thành viên{ready ? ` (${list.length})` : ""}
      </h2>
      {!members.data && !members.error ? <p role="status">Đang tải…</p> : null}
      {members.error ? <ErrorBox message={errorText(members.error)} /> : null}
      {ready ? (
        <>
          <p className="admin-hint">
            Đã học xong 5 kỹ năng cơ bản: {trained}/{list.length} người.
          </p>
          <ul className="member-list">
            {list.map((m) => (
              <li key={m.learnerId} className="member">
                <div className="member__top">
                  <span className="member__name">
                    {m.name}
                    {m.role === "leader" ? " (tổ trưởng)" : ""}
                  </span>
                  <span className={`trained ${m.trained ? "trained--yes" : "trained--no"}`}>{m.trained ? "Đã học xong" : "Đang học"}</span>
                </div>
                <ul className="member__skills" aria-label={`Tiến độ của ${m.name}`}>
                  {m.skills.map((s) => (
                    <li key={s.skillId} style={{ display: "contents" }}>
                      <span>{skillName(s.skillId)}</span>
                      <span>
                        {s.lessonsPassed}/{s.lessonsTotal} bài
                      </span>
                    </li>
                  ))}
                </ul>
                {canRemove && m.role === "member" ? (
                  confirm?.learnerId === m.learnerId ? (
                    <div className="confirm" style={{ marginTop: 8 }}>
                      <p className="confirm__text">Cho {m.name} rời tổ?</p>
                      <div className="confirm__buttons">
                        <Button variant="secondary" onClick={() => setConfirm(null)}>
                          Không
                        </Button>
                        <Button className="danger-button" onClick={() => void remove(m)}>
                          Cho rời tổ
                        </Button>
                      </div>
                    </div>
                  ) : (
                    <Button size="small" variant="tertiary" onClick={() => setConfirm(m)} aria-label={`Cho ${m.name} rời tổ`}>
                      Cho rời tổ
                    </Button>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ErrorBox message={error} />
    </section>
  );
}
