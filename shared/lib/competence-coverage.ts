import type { CompetenceArea, Lesson } from "../schemas/content.js";

/** How many lessons teach an area or a competence of the resident framework, and in which skills. */
export interface CoverageRow {
  /** "2" for an area, "2.3" for a competence. */
  code: string;
  title: string;
  confirmed: boolean;
  /** Lesson ids, in the order given (the course's: by skill, then order). */
  lessons: string[];
  /** Skill ids of those lessons, each once, in the same order. */
  skills: string[];
}

export interface Coverage {
  /** Each area followed by its competences, in the order of competences.yaml. */
  rows: CoverageRow[];
  /** The competences no lesson teaches yet. */
  gaps: CoverageRow[];
}

function row(code: string, title: string, confirmed: boolean, lessons: Pick<Lesson, "id" | "skill">[]): CoverageRow {
  return { code, title, confirmed, lessons: lessons.map((l) => l.id), skills: [...new Set(lessons.map((l) => l.skill))] };
}

/** The coverage of every area and competence by the lessons' `competences`; an area counts a lesson once. */
export function competenceCoverage(areas: CompetenceArea[], lessons: Pick<Lesson, "id" | "skill" | "competences">[]): Coverage {
  const rows: CoverageRow[] = [];
  const gaps: CoverageRow[] = [];
  for (const a of areas) {
    const codes = new Set(a.competences.map((c) => c.code));
    rows.push(
      row(
        a.code,
        a.title,
        a.confirmed,
        lessons.filter((l) => l.competences.some((c) => codes.has(c))),
      ),
    );
    for (const c of a.competences) {
      const r = row(
        c.code,
        c.title,
        c.confirmed,
        lessons.filter((l) => l.competences.includes(c.code)),
      );
      rows.push(r);
      if (r.lessons.length === 0) gaps.push(r);
    }
  }
  return { rows, gaps };
}
