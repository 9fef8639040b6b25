import { skills } from "../lib/course";

/** The course's lessons as `<option>`s grouped by skill, for a lesson picker. */
export function LessonOptions() {
  return (
    <>
      {skills.map((s) => (
        <optgroup key={s.id} label={s.short}>
          {s.lessons.map((l) => (
            <option key={l.id} value={l.id}>
              {l.title}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
