import type { Report } from "../../../../shared/schemas/report";
import { num } from "./numbers";

/** The quiz pass rate of the residents credited, by skill. */
export function SkillsCard({ r }: { r: Report }) {
  return (
    <section className="card" aria-labelledby="report-skills-title">
      <h2 id="report-skills-title" className="card__title">
        Tỷ lệ đạt bài kiểm tra theo kỹ năng
      </h2>
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
    </section>
  );
}
