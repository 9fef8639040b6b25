import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import { z } from "zod";
import {
  assessmentSchema,
  competenceAreaSchema,
  faqEntrySchema,
  glossaryEntrySchema,
  pronunciationSchema,
  lessonSchema,
  skillSchema,
  type Assessment,
  type AssessmentSource,
  type CompetenceArea,
  type QuestionSource,
  type QuizOption,
  type FaqEntry,
  type GlossaryEntry,
  type Pronunciation,
  type Lesson,
  type LessonSource,
  type Skill,
} from "./schemas/content.js";
import { checkAssessment, checkCompetences, checkFaq, checkGlossary, checkLesson, checkSvg, type PathIssue } from "./lib/content-rules.js";
import { optionId } from "./lib/option-id.js";
import { LOCAL_LESSON_PREFIX } from "./constants/local-lesson.js";
import { fillVars } from "./lib/text.js";

export const CONTENT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "content");

export interface ContentIssue {
  file: string;
  line: number;
  message: string;
}

export interface Course {
  skills: Skill[];
  lessons: Lesson[];
  vars: Record<string, string>;
  /** The OA chatbot's Hỏi đáp; empty when the content has none. */
  faq: FaqEntry[];
  /** "Từ ngữ cần biết": words the lessons use, explained on a tap; empty when the content has none. */
  glossary: GlossaryEntry[];
  /** How the machine voice says abbreviations and foreign words (pronunciation.yaml); empty when the content has none. */
  pronunciation: Pronunciation[];
  /** The areas of the resident framework (757/QĐ-BKHCN, Phụ lục I) the lessons' `competences` name; empty when the content has none. Not shipped in the mini app. */
  competences: CompetenceArea[];
  /** Each skill's final assessment (bank and hands-on tasks); graded on the server, never shipped in the mini app. */
  assessments: Assessment[];
}

interface ParsedFile {
  rel: string;
  doc: Document;
  lines: LineCounter;
}

function parseFile(root: string, path: string, issues: ContentIssue[]): ParsedFile | null {
  const rel = relative(root, path);
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(path, "utf8"), { lineCounter: lines, prettyErrors: false });
  for (const e of doc.errors) {
    issues.push({ file: rel, line: lines.linePos(e.pos[0]).line, message: `YAML: ${e.message.split("\n")[0]}` });
  }
  return doc.errors.length ? null : { rel, doc, lines };
}

/** The line of the deepest node that exists along `path`. */
function lineOf(f: ParsedFile, path: PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? f.doc.contents : f.doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return f.lines.linePos(node.range[0]).line;
  }
  return 1;
}

function report(f: ParsedFile, issues: ContentIssue[], found: PathIssue[]): void {
  for (const i of found) issues.push({ file: f.rel, line: lineOf(f, i.path), message: i.message });
}

function zodIssues(error: z.ZodError): PathIssue[] {
  return error.issues.map((i) => ({ path: i.path, message: `${i.path.join(".") || "(file)"}: ${i.message}` }));
}

function listFiles(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((p) => p.endsWith(ext))
    .map((p) => join(dir, p))
    .sort();
}

/** Reads and validates the whole course. Lessons come back with {{vars}} filled in, sorted by skill and order. */
export function loadCourse(root: string = CONTENT_ROOT): { course: Course; issues: ContentIssue[] } {
  const issues: ContentIssue[] = [];
  const skills: Skill[] = [];
  const skillsFile = parseFile(root, join(root, "skills.yaml"), issues);
  if (skillsFile) {
    const r = z.array(skillSchema).safeParse(skillsFile.doc.toJS());
    if (r.success) skills.push(...r.data);
    else report(skillsFile, issues, zodIssues(r.error));
  }

  let vars: Record<string, string> = {};
  const varsFile = parseFile(root, join(root, "vars.yaml"), issues);
  if (varsFile) {
    const r = z.record(z.string().regex(/^[a-z0-9_]+$/), z.string().min(1)).safeParse(varsFile.doc.toJS());
    if (r.success) vars = r.data;
    else report(varsFile, issues, zodIssues(r.error));
  }

  const images = new Set(listFiles(join(root, "images"), ".svg").map((p) => relative(join(root, "images"), p)));
  for (const img of images) {
    for (const message of checkSvg(readFileSync(join(root, "images", img), "utf8"), statSync(join(root, "images", img)).size)) {
      issues.push({ file: join("images", img), line: 1, message });
    }
  }

  // Read before the lessons, whose `competences` must name its codes.
  const competences: CompetenceArea[] = [];
  const competencesFile = existsSync(join(root, "competences.yaml")) ? parseFile(root, join(root, "competences.yaml"), issues) : null;
  if (competencesFile) {
    const r = z.array(competenceAreaSchema).safeParse(competencesFile.doc.toJS());
    if (!r.success) report(competencesFile, issues, zodIssues(r.error));
    else {
      report(competencesFile, issues, checkCompetences(r.data));
      competences.push(...r.data);
    }
  }
  const competenceCodes = new Set(competences.flatMap((a) => a.competences.map((c) => c.code)));

  const lessons: Lesson[] = [];
  const seen = new Map<string, string>();
  for (const path of listFiles(join(root, "lessons"), ".yaml")) {
    const f = parseFile(root, path, issues);
    if (!f) continue;
    const r = lessonSchema.safeParse(f.doc.toJS());
    if (!r.success) {
      report(f, issues, zodIssues(r.error));
      continue;
    }
    const lesson = r.data;
    const found = checkLesson(lesson, {
      fileName: basename(path, ".yaml"),
      folder: basename(dirname(path)),
      skillIds: new Set(skills.map((s) => s.id)),
      images,
      vars,
      competenceCodes,
    });
    const other = seen.get(lesson.id);
    if (other) found.push({ path: ["id"], message: `id "${lesson.id}" is already used by ${other}` });
    if (lesson.id.startsWith(LOCAL_LESSON_PREFIX))
      found.push({ path: ["id"], message: `ids starting "${LOCAL_LESSON_PREFIX}" belong to officials' local lessons` });
    seen.set(lesson.id, f.rel);
    report(f, issues, found);
    lessons.push(fillLesson(lesson, vars));
  }
  const skillOrder = new Map(skills.map((s, i) => [s.id, i]));
  lessons.sort((a, b) => (skillOrder.get(a.skill) ?? 99) - (skillOrder.get(b.skill) ?? 99) || a.order - b.order);

  const faq: FaqEntry[] = [];
  const faqFile = existsSync(join(root, "faq.yaml")) ? parseFile(root, join(root, "faq.yaml"), issues) : null;
  if (faqFile) {
    const r = z.array(faqEntrySchema).safeParse(faqFile.doc.toJS());
    if (!r.success) report(faqFile, issues, zodIssues(r.error));
    else {
      report(faqFile, issues, checkFaq(r.data, new Set(lessons.map((l) => l.id)), vars));
      faq.push(...r.data.map((e) => ({ ...e, answer: fillVars(e.answer, vars), question: fillVars(e.question, vars) })));
    }
  }
  const glossary: GlossaryEntry[] = [];
  const glossaryFile = existsSync(join(root, "glossary.yaml")) ? parseFile(root, join(root, "glossary.yaml"), issues) : null;
  if (glossaryFile) {
    const r = z.array(glossaryEntrySchema).safeParse(glossaryFile.doc.toJS());
    if (!r.success) report(glossaryFile, issues, zodIssues(r.error));
    else {
      report(glossaryFile, issues, checkGlossary(r.data));
      glossary.push(...r.data);
    }
  }
  const pronunciation: Pronunciation[] = [];
  const pronunciationFile = existsSync(join(root, "pronunciation.yaml")) ? parseFile(root, join(root, "pronunciation.yaml"), issues) : null;
  if (pronunciationFile) {
    const r = z.array(pronunciationSchema).safeParse(pronunciationFile.doc.toJS());
    if (!r.success) report(pronunciationFile, issues, zodIssues(r.error));
    else {
      const seen = new Set<string>();
      report(
        pronunciationFile,
        issues,
        r.data.flatMap((p, i) => {
          const dup = seen.has(p.written);
          seen.add(p.written);
          return dup ? [{ path: [i, "written"], message: `pronunciation: "${p.written}" is listed twice` }] : [];
        }),
      );
      pronunciation.push(...r.data);
    }
  }
  const assessments = loadAssessments(root, issues, { skills, lessons, vars, competenceCodes });
  return { course: { skills, lessons, vars, faq, glossary, competences, pronunciation, assessments }, issues };
}

function loadAssessments(
  root: string,
  issues: ContentIssue[],
  c: { skills: Skill[]; lessons: Lesson[]; vars: Record<string, string>; competenceCodes: Set<string> },
): Assessment[] {
  const out: Assessment[] = [];
  // By file name, so that a broken lesson is reported once, in its own file, and not again by every question naming it.
  const lessonSkill = new Map(listFiles(join(root, "lessons"), ".yaml").map((p) => [basename(p, ".yaml").replace(/^\d+-/, ""), basename(dirname(p))] as const));
  for (const l of c.lessons) lessonSkill.set(l.id, l.skill);
  const lessonPrompts = new Set(c.lessons.flatMap((l) => l.quiz.map((q) => q.prompt.trim())));
  for (const path of listFiles(join(root, "assessments"), ".yaml")) {
    const f = parseFile(root, path, issues);
    if (!f) continue;
    const r = assessmentSchema.safeParse(f.doc.toJS());
    if (!r.success) {
      report(f, issues, zodIssues(r.error));
      continue;
    }
    const a = r.data;
    const ctx = {
      fileName: basename(path, ".yaml"),
      skillIds: new Set(c.skills.map((s) => s.id)),
      lessonSkill,
      vars: c.vars,
      competenceCodes: c.competenceCodes,
    };
    report(f, issues, checkAssessment(a, ctx, lessonPrompts));
    if (out.some((o) => o.skill === a.skill)) issues.push({ file: f.rel, line: 1, message: `skill ${a.skill} has two assessment files` });
    out.push(fillAssessment(a, c.vars));
  }
  return out;
}

function fillQuestion<Q extends QuestionSource>(q: Q, vars: Record<string, string>): Omit<Q, "options"> & { options: QuizOption[] } {
  const f = (s: string) => fillVars(s, vars);
  return {
    ...q,
    prompt: f(q.prompt),
    options: q.options.map((o) => ({ ...o, id: optionId(o.text, o.from), text: f(o.text), explain: f(o.explain), from: o.from && f(o.from) })),
  };
}

function fillAssessment(a: AssessmentSource, vars: Record<string, string>): Assessment {
  const f = (s: string) => fillVars(s, vars);
  return {
    ...a,
    tasks: a.tasks.map((t) => ({ ...t, title: f(t.title), watch: f(t.watch) })),
    questions: a.questions.map((q) => fillQuestion(q, vars)),
  };
}

/** The lesson as the apps use it: {{vars}} filled in, every option with its id. */
export function fillLesson(l: LessonSource, vars: Record<string, string>): Lesson {
  const f = (s: string) => fillVars(s, vars);
  return {
    ...l,
    title: f(l.title),
    summary: f(l.summary),
    keySteps: l.keySteps.map(f),
    steps: l.steps.map((s) => ({ ...s, title: f(s.title), text: f(s.text), note: s.note && f(s.note) })),
    quiz: l.quiz.map((q) => fillQuestion(q, vars)),
  };
}

/** Loads the course and throws when it has any error: for the server and the build, which must not run on bad content. */
export function loadCourseOrThrow(root: string = CONTENT_ROOT): Course {
  const { course, issues } = loadCourse(root);
  if (issues.length) {
    const list = issues
      .slice(0, 10)
      .map((i) => `${i.file}:${i.line} ${i.message}`)
      .join("\n");
    throw new Error(`Course content has ${issues.length} error(s); run npm run content:check\n${list}`);
  }
  return course;
}
