/** npm run content:check — validates the whole course and prints its counts; exits 1 on any error. */
import { loadCourse, CONTENT_ROOT } from "../content-loader.js";
import { QUESTION_KINDS } from "../schemas/content.js";
import { loadVisitKinds } from "../visit-kinds.js";
import { loadOutcomeKinds } from "../outcome-kinds.js";
import { quizBias } from "../lib/quiz-bias.js";
import { glossaryMatcher } from "../lib/glossary.js";
import { competenceCoverage } from "../lib/competence-coverage.js";

const { course, issues } = loadCourse(CONTENT_ROOT);

const rows = course.skills.map((s) => {
  const lessons = course.lessons.filter((l) => l.skill === s.id);
  const questions = lessons.flatMap((l) => l.quiz);
  const kinds = Object.fromEntries(QUESTION_KINDS.map((k) => [k, questions.filter((q) => q.kind === k).length]));
  return {
    skill: s.id,
    lessons: lessons.length,
    steps: lessons.reduce((n, l) => n + l.steps.length, 0),
    images: new Set(lessons.flatMap((l) => l.steps.flatMap((st) => (st.image ? [st.image] : [])))).size,
    questions: questions.length,
    ...kinds,
  };
});
console.table(rows);
const total = (k: string) => rows.reduce((n, r) => n + ((r as Record<string, unknown>)[k] as number), 0);
console.log(
  `Total: ${total("lessons")} lessons, ${total("steps")} steps, ${total("questions")} questions, ${course.faq.length} Hỏi đáp entries, ${course.glossary.length} glossary terms, ${course.competences.reduce((n, a) => n + a.competences.length, 0)} competences in ${course.competences.length} areas`,
);
// Where each glossary term is first met in the course (in the mini app's order): a term never met is listed.
const findTerms = glossaryMatcher(course.glossary);
const firstMet = new Map<string, string>();
for (const l of course.lessons) for (const st of l.steps) for (const span of findTerms(st.text)) if (!firstMet.has(span.id)) firstMet.set(span.id, l.id);
const unused = course.glossary.filter((g) => !firstMet.has(g.id)).map((g) => g.term);
if (unused.length) console.log(`Glossary terms no lesson step uses yet: ${unused.join(", ")}`);

// Which competences of the resident framework (competences.yaml, 757/QĐ-BKHCN) the lessons teach; gaps are listed, not failed.
const coverage = competenceCoverage(course.competences, course.lessons);
console.log("Competences of the resident framework (757/QĐ-BKHCN, Phụ lục I) taught by the lessons; * = wording not confirmed:");
console.table(
  coverage.rows.map((r) => ({
    code: r.code,
    title: `${r.code.includes(".") ? "  " : ""}${r.title}${r.confirmed ? "" : " *"}`,
    lessons: r.lessons.length,
    skills: r.skills.join(", "),
  })),
);
if (coverage.gaps.length) console.log(`Competences no lesson teaches yet: ${coverage.gaps.map((g) => `${g.code} ${g.title}`).join("; ")}`);

// Every step can be heard: a person's recording where one exists, else the machine voice (npm run audio:build).
const steps = course.lessons.reduce((n, l) => n + l.steps.length, 0);
console.log(
  `warning: ${steps} of ${steps} steps have no human recording: the machine voice (espeak-ng, ${course.pronunciation.length} words in pronunciation.yaml) reads them`,
);

const minimums: string[] = [];
try {
  console.log(`Visit kinds: ${loadVisitKinds().length}`);
} catch (err) {
  minimums.push(`visit-kinds.yaml: ${err instanceof Error ? err.message.split("\n").slice(0, 6).join(" ") : String(err)}`);
}
try {
  const kinds = loadOutcomeKinds();
  console.log(`Household ledger outcome kinds: ${kinds.length} (${kinds.filter((k) => k.digitalUser).length} make a new digital user)`);
  if (!kinds.some((k) => k.automatic && !k.retired)) minimums.push("outcome-kinds.yaml: one kind must be automatic: the certificate");
} catch (err) {
  minimums.push(`outcome-kinds.yaml: ${err instanceof Error ? err.message.split("\n").slice(0, 6).join(" ") : String(err)}`);
}
for (const r of rows) {
  const needed = r.skill === "dia-phuong" ? 2 : 6;
  if (r.lessons < needed) minimums.push(`skill ${r.skill} has ${r.lessons} lessons, needs at least ${needed}`);
}
if (total("lessons") < 36) minimums.push(`the course has ${total("lessons")} lessons, needs at least 36`);
if (total("questions") < 150) minimums.push(`the course has ${total("questions")} questions, needs at least 150`);
for (const k of QUESTION_KINDS) if (total(k) === 0) minimums.push(`no question of kind ${k}`);
if (course.faq.length < 60) minimums.push(`the Hỏi đáp has ${course.faq.length} entries, needs at least 60`);

// Whether the quizzes give their answers away (shared/lib/quiz-bias.ts; the rules: shared/content/README.md).
const bias = course.skills.map((s) =>
  quizBias(
    s.id,
    course.lessons.filter((l) => l.skill === s.id),
  ),
);
console.log("Quiz bias per skill (positions as written; the apps shuffle them too):");
console.table(
  bias.map((b) => ({
    skill: b.skill,
    "single: correct at 1/2/3/4": b.singleAt.join("/"),
    "single: correct longest/shortest": `${b.length.longest}/${b.length.shortest} of ${b.length.n}`,
    "true/false: Đúng": `${b.trueFalse.trueCorrect} of ${b.trueFalse.n}`,
    "multiple+scam: correct first/last": `${b.grouped.correctFirst}/${b.grouped.wrongFirst} of ${b.grouped.n}`,
    "length outliers": b.outliers.length,
  })),
);
for (const b of bias)
  for (const o of b.outliers) console.log(`  ${b.skill}: ${o.lesson} ${o.question} option ${o.option} is ${o.ratio}× the others' mean length`);
for (const b of bias) for (const p of b.problems) minimums.push(`skill ${b.skill}: quiz bias: ${p}`);

for (const sk of course.skills)
  if (!course.assessments.some((a) => a.skill === sk.id)) minimums.push(`skill ${sk.id} has no final assessment (assessments/${sk.id}.yaml)`);
// Final assessments: a bank per skill, drawn from at random on the server; the same bias rules, per bank.
console.log("Final assessments (assessments/<skill>.yaml):");
console.table(
  course.assessments.map((a) => {
    const b = quizBias(`${a.skill} (assessment)`, [{ id: "assessment", quiz: a.questions }]);
    for (const p of b.problems) minimums.push(`assessment ${a.skill}: quiz bias: ${p}`);
    const core = course.skills.find((s) => s.id === a.skill)?.core;
    if (core && a.questions.length < 15) minimums.push(`assessment ${a.skill}: the bank has ${a.questions.length} questions, a core skill needs at least 15`);
    for (const o of b.outliers) console.log(`  assessment ${a.skill}: ${o.question} option ${o.option} is ${o.ratio}× the others' mean length`);
    return {
      skill: a.skill,
      tasks: a.tasks.length,
      questions: a.questions.length,
      ...Object.fromEntries(QUESTION_KINDS.map((k) => [k, a.questions.filter((q) => q.kind === k).length])),
      competences: new Set(a.questions.flatMap((q) => q.competences)).size,
      "single: correct at 1/2/3/4": b.singleAt.join("/"),
      "true/false: Đúng": `${b.trueFalse.trueCorrect} of ${b.trueFalse.n}`,
    };
  }),
);

for (const i of issues) console.error(`shared/content/${i.file}:${i.line}: ${i.message}`);
for (const m of minimums) console.error(`course: ${m}`);
const errors = issues.length + minimums.length;
if (errors) {
  console.error(`content:check failed with ${errors} error(s)`);
  process.exit(1);
}
console.log("content:check passed");
