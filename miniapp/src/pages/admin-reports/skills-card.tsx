import type { Report } from "../../../../shared/schemas/report";
import { Card } from "../../components/card";
import { num } from "./numbers";

/** The quiz pass rate of the residents credited, by skill. */
export function SkillsCard({ r }: { r: Report }) {
  return (
    <Card id="report-skills-title" title="Tỷ lệ đạt bài kiểm tra theo kỹ năng">
      <p className="admin-hint">Của người dân được ghi nhận: số bài đạt từ 80 % trên số bài đã làm.</p>
      <ul className="plain-list">
        {r.quizBySkill.map((s) => (
          <li key={s.skillId} className="meter">
            <div className="meter__top">
              <span>{s.title}</span>
              <strong>{s.passRatePct === null ? "—" : `${s.passRatePct} %`}</strong>
            </div>
            <div className="meter__bar" aria-hidden="true">
              <span style={{ width: `${s.passRatePct ?? 0}%` }} />
            </div>
            <span className="meter__note">
              {num(s.passed)} / {num(s.attempted)} bài
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
