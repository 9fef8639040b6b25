import { describe, expect, it } from "vitest";
import { checkLocalLesson, fieldLabel } from "./local-lesson-rules.js";

describe("a local lesson's problems, named as the form labels its fields", () => {
  it("labels steps, questions, options and teacher notes by their place, counted from one", () => {
    expect(fieldLabel(["title"])).toBe("Tên bài");
    expect(fieldLabel(["steps", 1, "text"])).toBe("Bước 2 · Nội dung");
    expect(fieldLabel(["quiz", 0, "options", 2, "explain"])).toBe("Câu hỏi 1 · Lựa chọn 3 · Giải thích");
    expect(fieldLabel(["quiz", 3, "prompt"])).toBe("Câu hỏi 4 · Đề bài");
    expect(fieldLabel(["teacherNotes", "sources", 0])).toBe("Ghi chú cho tổ · Nguồn 1");
    expect(fieldLabel(["keySteps", 4])).toBe("Ý chính 5");
  });

  it("names what is missing in Vietnamese, at its path, and gives no content", () => {
    const r = checkLocalLesson({ title: "Bài", steps: [] }, { images: new Set(), vars: {}, competenceCodes: new Set(["1.1"]) });
    expect(r.content).toBeNull();
    const byPath = new Map(r.problems.map((p) => [p.path, p.message]));
    expect(byPath.get("summary")).toBe("Chưa điền.");
    expect(byPath.get("steps")).toBe("Cần ít nhất 3.");
    expect(byPath.get("teacherNotes")).toBe("Chưa điền.");
    for (const p of r.problems) expect(p.message).not.toMatch(/[a-z]+_[a-z]+|expected|Invalid/);
  });
});
