import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURE_ROOT } from "../tests/helpers/fixture.js";
import { loadCourse, loadCourseOrThrow, type ContentIssue } from "./content-loader.js";
import { QUESTION_KINDS } from "./schemas/content.js";
import { optionId } from "./lib/option-id.js";

const L1 = "lessons/dien-thoai/01-bat-may.yaml";
const L2 = "lessons/dien-thoai/02-ket-noi-wifi.yaml";
const L3 = "lessons/an-toan/01-nhan-biet-lua-dao.yaml";

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** A fresh copy of the fixture course in a temporary directory, to break on purpose. */
function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), "ksc-content-"));
  temps.push(dir);
  cpSync(FIXTURE_ROOT, dir, { recursive: true });
  return dir;
}

/** Replaces text that must occur exactly once, so a change to the fixture fails loudly instead of breaking nothing. */
function edit(root: string, rel: string, from: string, to: string): void {
  const path = join(root, rel);
  const text = readFileSync(path, "utf8");
  expect(text.split(from).length - 1, `"${from}" should occur once in ${rel}`).toBe(1);
  writeFileSync(path, text.replace(from, to));
}

/** The 1-based line on which `marker` (occurring once) starts. */
function lineOf(root: string, rel: string, marker: string): number {
  const text = readFileSync(join(root, rel), "utf8");
  const at = text.indexOf(marker);
  expect(at, `"${marker}" should be in ${rel}`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(marker, at + 1), `"${marker}" should occur once in ${rel}`).toBe(-1);
  return text.slice(0, at).split("\n").length;
}

function issuesOf(root: string): ContentIssue[] {
  return loadCourse(root).issues;
}

describe("loadCourse on the fixture course", () => {
  const { course, issues } = loadCourse(FIXTURE_ROOT);

  it("reports no issues", () => {
    expect(issues).toEqual([]);
  });

  it("reads both skills in file order and the three lessons sorted by skill, then order", () => {
    expect(course.skills.map((s) => s.id)).toEqual(["dien-thoai", "an-toan"]);
    expect(course.lessons.map((l) => l.id)).toEqual(["bat-may", "ket-noi-wifi", "nhan-biet-lua-dao"]);
  });

  it("uses all five question kinds", () => {
    const kinds = new Set(course.lessons.flatMap((l) => l.quiz.map((q) => q.kind)));
    expect([...kinds].sort()).toEqual([...QUESTION_KINDS].sort());
  });

  it("fills {{vars}} in lesson text and keeps the variables", () => {
    expect(course.vars).toEqual({ trang_kiem_tra: "tinnhiemmang.vn", duong_day_nong: "156" });
    const lesson = course.lessons.find((l) => l.id === "nhan-biet-lua-dao")!;
    expect(lesson.keySteps[2]).toBe("Tra cứu đường link lạ trên tinnhiemmang.vn");
    expect(lesson.steps[2]!.text).toBe("Gặp tin đáng ngờ, gọi đường dây nóng 156 hoặc tra cứu trên tinnhiemmang.vn.");
    expect(lesson.quiz[2]!.options[1]!.text).toBe("Không đọc và gọi 156 để báo");
    expect(JSON.stringify(course.lessons)).not.toContain("{{");
  });

  it("gives every option an id made from what it says before {{vars}} are filled, unique in its question", () => {
    for (const l of course.lessons) {
      for (const q of l.quiz) {
        expect(new Set(q.options.map((o) => o.id)).size).toBe(q.options.length);
        for (const o of q.options) expect(o.id).toMatch(/^[0-9a-z]{10}$/);
      }
    }
    // An option with a variable keeps its id when the variable's value changes.
    const withVar = course.lessons
      .find((l) => l.id === "nhan-biet-lua-dao")!
      .quiz.flatMap((q) => q.options)
      .find((o) => o.text.startsWith("Không đọc và gọi"))!;
    expect(withVar.text).not.toContain("{{");
    expect(withVar.id).toBe(optionId("Không đọc và gọi {{duong_day_nong}} để báo"));
  });

  it("reads the competence areas in file order and each lesson's competences", () => {
    expect(course.competences.map((a) => [a.code, a.competences.map((c) => c.code)])).toEqual([
      ["0", ["0.1", "0.2"]],
      ["4", ["4.1", "4.2"]],
    ]);
    expect(course.competences[1]).toMatchObject({ title: "An toàn", confirmed: false, source: expect.stringContaining("DigComp") });
    expect(course.lessons.map((l) => l.competences)).toEqual([["0.1"], ["0.1", "0.2"], ["4.2"]]);
  });

  it("reads each skill's final assessment: tasks and questions with {{vars}} filled and option ids", () => {
    expect(course.assessments.map((a) => [a.skill, a.tasks.length, a.questions.length])).toEqual([
      ["an-toan", 3, 3],
      ["dien-thoai", 3, 4],
    ]);
    const a = course.assessments.find((x) => x.skill === "an-toan")!;
    expect(a.tasks[1]!.title).toBe("Lưu số 156 vào danh bạ");
    expect(a.questions[0]!.options[1]).toMatchObject({ id: optionId("Tắt máy, không đọc mã"), correct: true });
    expect(a.questions[2]!.options[0]!.from).toBe("Tin nhắn từ số lạ");
  });

  it("loadCourseOrThrow returns the same course", () => {
    expect(loadCourseOrThrow(FIXTURE_ROOT)).toEqual(course);
  });
});

describe("loadCourse on broken copies names the file and line of each error", () => {
  it("a single question with two correct options", () => {
    const root = copyFixture();
    edit(root, L1, "      - text: Chạm nhẹ vào màn hình\n", "      - text: Chạm nhẹ vào màn hình\n        correct: true\n");
    expect(issuesOf(root)).toEqual([
      { file: L1, line: lineOf(root, L1, "- text: Chạm nhẹ vào màn hình"), message: "q1: single needs exactly one correct option, has 2" },
    ]);
  });

  it("a multiple question with only one correct option", () => {
    const root = copyFixture();
    edit(root, L2, "      - text: Khi chuyển tiền qua ngân hàng\n        correct: true\n", "      - text: Khi chuyển tiền qua ngân hàng\n");
    expect(issuesOf(root)).toEqual([
      {
        file: L2,
        line: lineOf(root, L2, "- text: Khi xem video dài"),
        message: "q4: multiple needs at least two correct options and one wrong option",
      },
    ]);
  });

  it("an order question with a correct field", () => {
    const root = copyFixture();
    edit(root, L2, "      - text: Chạm vào Wi-Fi\n", "      - text: Chạm vào Wi-Fi\n        correct: true\n");
    expect(issuesOf(root)).toEqual([
      {
        file: L2,
        line: lineOf(root, L2, "- text: Mở Cài đặt"),
        message: "q1: order options are written in the right order and take no correct field",
      },
    ]);
  });

  it("a spot-scam question where every message is a scam", () => {
    const root = copyFixture();
    edit(
      root,
      L3,
      "        text: Chủ nhật họp thôn lúc 8 giờ ở nhà văn hóa.\n",
      "        text: Chủ nhật họp thôn lúc 8 giờ ở nhà văn hóa.\n        correct: true\n",
    );
    expect(issuesOf(root)).toEqual([
      {
        file: L3,
        line: lineOf(root, L3, "- from: Trưởng thôn"),
        message: "q2: spot-scam needs at least one scam (correct: true) and one genuine message",
      },
    ]);
  });

  it("a true-false question whose options are not Đúng then Sai", () => {
    const root = copyFixture();
    edit(root, L1, "      - text: Đúng\n        explain: Tháo pin", "      - text: Có\n        explain: Tháo pin");
    expect(issuesOf(root)).toEqual([{ file: L1, line: lineOf(root, L1, "- text: Có"), message: 'q2: true-false options must be "Đúng" then "Sai"' }]);
  });

  it("a step image that does not exist", () => {
    const root = copyFixture();
    edit(root, L2, "image: dien-thoai/wifi.svg", "image: dien-thoai/khong-co.svg");
    expect(issuesOf(root)).toEqual([
      { file: L2, line: lineOf(root, L2, "image: dien-thoai/khong-co.svg"), message: "image dien-thoai/khong-co.svg does not exist in images/" },
    ]);
  });

  it("a lesson id used twice", () => {
    const root = copyFixture();
    const copy = "lessons/an-toan/02-nhan-biet-lua-dao.yaml";
    writeFileSync(join(root, copy), readFileSync(join(root, L3), "utf8").replace("order: 1\n", "order: 2\n"));
    expect(issuesOf(root)).toEqual([
      { file: copy, line: lineOf(root, copy, "id: nhan-biet-lua-dao"), message: `id "nhan-biet-lua-dao" is already used by ${L3}` },
    ]);
  });

  it("a step text over 60 words", () => {
    const root = copyFixture();
    const long = Array.from({ length: 61 }, (_, i) => `từ${i}`).join(" ");
    edit(root, L1, "text: Bấm giữ nút nguồn khoảng ba giây cho tới khi màn hình sáng lên.", `text: ${long}`);
    expect(issuesOf(root)).toEqual([{ file: L1, line: lineOf(root, L1, `text: ${long}`), message: "steps.1.text: 61 words, the budget is 60" }]);
  });

  it("exactly 60 words is within the budget", () => {
    const root = copyFixture();
    const sixty = Array.from({ length: 60 }, (_, i) => `từ${i}`).join(" ");
    edit(root, L1, "text: Bấm giữ nút nguồn khoảng ba giây cho tới khi màn hình sáng lên.", `text: ${sixty}`);
    expect(issuesOf(root)).toEqual([]);
  });

  it("an unknown {{var}}", () => {
    const root = copyFixture();
    edit(root, L3, "  - Không đọc mã OTP cho ai\n", "  - Không đọc mã OTP cho {{khong_co}}\n");
    expect(issuesOf(root)).toEqual([
      { file: L3, line: lineOf(root, L3, "- Không đọc mã OTP cho {{khong_co}}"), message: "keySteps.1: unknown variable {{khong_co}}" },
    ]);
  });

  it("HTML in lesson text", () => {
    const root = copyFixture();
    edit(root, L2, "title: Nhập mật khẩu\n", "title: Nhập <b>mật khẩu</b>\n");
    expect(issuesOf(root)).toEqual([{ file: L2, line: lineOf(root, L2, "title: Nhập <b>mật khẩu</b>"), message: "steps.2.title: no HTML or links in text" }]);
  });

  it("a YAML syntax error: text after a quoted scalar", () => {
    const root = copyFixture();
    edit(root, L2, "title: Chọn Wi-Fi\n", 'title: "Chọn Wi-Fi" thêm\n');
    expect(issuesOf(root)).toEqual([{ file: L2, line: lineOf(root, L2, 'title: "Chọn Wi-Fi" thêm'), message: "YAML: Unexpected scalar at node end" }]);
  });

  it("a YAML syntax error: a tab used as indentation", () => {
    const root = copyFixture();
    edit(root, L1, "minutes: 3\n", "minutes: 3\n\tx: 1\n");
    expect(issuesOf(root)).toEqual([{ file: L1, line: lineOf(root, L1, "\tx: 1"), message: "YAML: Tabs are not allowed as indentation" }]);
  });

  it("a YAML syntax error leaves the rest of the course loaded", () => {
    const root = copyFixture();
    edit(root, L2, "title: Chọn Wi-Fi\n", 'title: "Chọn Wi-Fi" thêm\n');
    expect(loadCourse(root).course.lessons.map((l) => l.id)).toEqual(["bat-may", "nhan-biet-lua-dao"]);
  });

  it("a file name that does not match order and id", () => {
    const root = copyFixture();
    const renamed = "lessons/dien-thoai/03-bat-may.yaml";
    renameSync(join(root, L1), join(root, renamed));
    expect(issuesOf(root)).toEqual([
      { file: renamed, line: lineOf(root, renamed, "id: bat-may"), message: "file should be named 01-bat-may.yaml (order and id)" },
    ]);
  });

  it("a lesson in the folder of another skill", () => {
    const root = copyFixture();
    const moved = "lessons/an-toan/01-bat-may.yaml";
    renameSync(join(root, L1), join(root, moved));
    expect(issuesOf(root)).toEqual([
      { file: moved, line: lineOf(root, moved, "skill: dien-thoai"), message: 'lesson of skill "dien-thoai" is in folder "an-toan"' },
    ]);
  });

  it("a schema error (a field the format does not know) points at the field", () => {
    const root = copyFixture();
    edit(root, L3, "minutes: 5\n", "minutes: 5\nduration: 5\n");
    const issues = issuesOf(root);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: L3, message: expect.stringContaining("duration") });
  });

  it("an SVG with <script>", () => {
    const root = copyFixture();
    const svg = "images/an-toan/tin-nhan-la.svg";
    edit(root, svg, "</svg>", "<script>alert(1)</script>\n</svg>");
    expect(issuesOf(root)).toEqual([{ file: svg, line: 1, message: "SVG must not contain scripts, event handlers, bitmaps or external references" }]);
  });

  it("an SVG with the wrong viewBox", () => {
    const root = copyFixture();
    const svg = "images/dien-thoai/wifi.svg";
    edit(root, svg, 'viewBox="0 0 320 240"', 'viewBox="0 0 640 480"');
    expect(issuesOf(root)).toEqual([{ file: svg, line: 1, message: 'SVG needs viewBox="0 0 320 240"' }]);
  });

  it("a competence code that competences.yaml does not have", () => {
    const root = copyFixture();
    edit(root, L1, 'competences: ["0.1"]\n', 'competences: ["0.1", "9.9"]\n');
    expect(issuesOf(root)).toEqual([
      { file: L1, line: lineOf(root, L1, "competences:"), message: 'competences: unknown competence "9.9", not in competences.yaml' },
    ]);
  });

  it("a competence code listed twice", () => {
    const root = copyFixture();
    edit(root, L2, 'competences: ["0.1", "0.2"]\n', 'competences: ["0.1", "0.2", "0.1"]\n');
    expect(issuesOf(root)).toEqual([{ file: L2, line: lineOf(root, L2, "competences:"), message: 'competences: "0.1" is listed twice' }]);
  });

  it("a competence code written without quotes, which YAML reads as a number", () => {
    const root = copyFixture();
    edit(root, L3, 'competences: ["4.2"]\n', "competences: [4.2]\n");
    expect(issuesOf(root)).toEqual([
      { file: L3, line: lineOf(root, L3, "competences:"), message: 'competences.0: a competence code such as "4.2", in quotes' },
    ]);
  });

  it("a lesson without competences", () => {
    const root = copyFixture();
    edit(root, L3, 'competences: ["4.2"]\n', "");
    const issues = issuesOf(root);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: L3, message: expect.stringContaining("competences") });
  });

  it("a competence numbered outside its area in competences.yaml", () => {
    const root = copyFixture();
    const file = "competences.yaml";
    edit(root, file, '    - code: "4.1"\n', '    - code: "0.3"\n');
    expect(issuesOf(root)).toEqual([{ file, line: lineOf(root, file, '- code: "0.3"'), message: 'competence "0.3" is not numbered in area "4"' }]);
  });

  it("without competences.yaml, every lesson's codes are refused, each with its file", () => {
    const root = copyFixture();
    rmSync(join(root, "competences.yaml"));
    expect(issuesOf(root).map((i) => `${i.file}: ${i.message}`)).toEqual([
      `${L3}: competences: unknown competence "4.2", not in competences.yaml`,
      `${L1}: competences: unknown competence "0.1", not in competences.yaml`,
      `${L2}: competences: unknown competence "0.1", not in competences.yaml`,
      `${L2}: competences: unknown competence "0.2", not in competences.yaml`,
    ]);
  });

  it("an assessment question naming a lesson of another skill, and a task naming no lesson at all", () => {
    const root = copyFixture();
    const file = "assessments/an-toan.yaml";
    edit(
      root,
      file,
      '    lesson: nhan-biet-lua-dao\n    competences: ["4.2"]\n    prompt: Người lạ',
      '    lesson: bat-may\n    competences: ["4.2"]\n    prompt: Người lạ',
    );
    edit(root, file, '    lesson: nhan-biet-lua-dao\n    competences: ["4.2"]\n  - id: goi', '    lesson: khong-co\n    competences: ["4.2"]\n  - id: goi');
    expect(issuesOf(root).map((i) => `${i.file}: ${i.message}`)).toEqual([
      `${file}: lesson "khong-co" is not a shipped lesson of skill an-toan`,
      `${file}: lesson "bat-may" is not a shipped lesson of skill an-toan`,
    ]);
  });

  it("an assessment question copied from a lesson's quiz, and one with two correct single options", () => {
    const root = copyFixture();
    const file = "assessments/dien-thoai.yaml";
    edit(root, file, "prompt: Màn hình tối đen, bạn muốn bật máy. Bạn làm gì?", "prompt: Muốn bật điện thoại, bạn làm gì?");
    edit(root, file, "      - text: Cắm tai nghe vào máy\n", "      - text: Cắm tai nghe vào máy\n        correct: true\n");
    const found = issuesOf(root);
    expect(found.map((i) => i.message)).toEqual(["q1: single needs exactly one correct option, has 2", "q1: the same prompt as a lesson's quiz question"]);
    expect(found[1]!.line).toBe(lineOf(root, file, "prompt: Muốn bật"));
  });

  it("an assessment file named for another skill, with a task id used twice", () => {
    const root = copyFixture();
    renameSync(join(root, "assessments/an-toan.yaml"), join(root, "assessments/an-toan-2.yaml"));
    edit(root, "assessments/an-toan-2.yaml", "  - id: tra-cuu-trang", "  - id: goi-duong-day-nong");
    expect(issuesOf(root).map((i) => i.message)).toEqual(["file should be named an-toan.yaml", "task id goi-duong-day-nong is repeated"]);
  });

  it("loadCourseOrThrow names the file of an unknown competence", () => {
    const root = copyFixture();
    edit(root, L3, 'competences: ["4.2"]\n', 'competences: ["4.9"]\n');
    expect(() => loadCourseOrThrow(root)).toThrow(`${L3}:${lineOf(root, L3, "competences:")} competences: unknown competence "4.9"`);
  });

  it("loadCourseOrThrow refuses a broken course and names file:line", () => {
    const root = copyFixture();
    edit(root, L2, "image: dien-thoai/wifi.svg", "image: dien-thoai/khong-co.svg");
    const line = lineOf(root, L2, "image: dien-thoai/khong-co.svg");
    expect(() => loadCourseOrThrow(root)).toThrow(`${L2}:${line} image dien-thoai/khong-co.svg does not exist`);
  });
});
