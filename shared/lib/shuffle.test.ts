import { describe, expect, it } from "vitest";
import type { Question, QuestionKind } from "../schemas/content.js";
import { optionId } from "./option-id.js";
import { displayOrder } from "./shuffle.js";

function question(kind: QuestionKind, n: number, id = "q1"): Question {
  const options = Array.from({ length: n }, (_, i) => ({ id: optionId(`Phương án ${i}`), text: `Phương án ${i}`, explain: "Vì sao.", correct: i === 0 }));
  return { id, kind, prompt: "Câu hỏi?", options };
}

describe("displayOrder", () => {
  it("is the same for the same attempt (a reload shows the same order) and differs between attempts", () => {
    const q = question("single", 4);
    expect(displayOrder(q, "attempt-1").map((o) => o.id)).toEqual(displayOrder(q, "attempt-1").map((o) => o.id));
    const orders = new Set(
      Array.from({ length: 40 }, (_, i) =>
        displayOrder(q, `attempt-${i}`)
          .map((o) => o.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(10);
  });

  it("puts the option written first at every position about equally often", () => {
    for (const kind of ["single", "multiple", "spot-scam"] as const) {
      const q = question(kind, 4);
      const at = [0, 0, 0, 0];
      for (let i = 0; i < 4000; i++) at[displayOrder(q, `seed-${i}`).findIndex((o) => o.id === q.options[0]!.id)]!++;
      for (const n of at) {
        expect(n / 4000).toBeGreaterThan(0.2);
        expect(n / 4000).toBeLessThan(0.3);
      }
    }
  });

  it("shuffles the questions of one attempt independently", () => {
    const a = question("single", 4, "q1");
    const b = question("single", 4, "q2");
    const same = Array.from({ length: 50 }, (_, i) => `s${i}`).filter(
      (s) =>
        displayOrder(a, s)
          .map((o) => o.text)
          .join() ===
        displayOrder(b, s)
          .map((o) => o.text)
          .join(),
    );
    expect(same.length).toBeLessThan(20);
  });

  it("keeps Đúng then Sai, and only changes the order, never the options", () => {
    const tf: Question = {
      id: "q1",
      kind: "true-false",
      prompt: "Đúng hay sai?",
      options: [
        { id: optionId("Đúng"), text: "Đúng", explain: "a" },
        { id: optionId("Sai"), text: "Sai", explain: "b", correct: true },
      ],
    };
    expect(displayOrder(tf, "x").map((o) => o.text)).toEqual(["Đúng", "Sai"]);
    const q = question("multiple", 5);
    expect([...displayOrder(q, "x")].sort((x, y) => x.text.localeCompare(y.text))).toEqual(q.options);
  });

  it("never starts an order question in its answer", () => {
    const q = question("order", 3);
    for (let i = 0; i < 300; i++) expect(displayOrder(q, `o${i}`).map((o) => o.id)).not.toEqual(q.options.map((o) => o.id));
  });
});

describe("optionId", () => {
  it("depends on what the option says, not where it stands", () => {
    expect(optionId("Gọi 113")).toBe(optionId("Gọi 113"));
    expect(optionId(" Gọi 113 ")).toBe(optionId("Gọi 113"));
    expect(optionId("Gọi 113")).not.toBe(optionId("Gọi 114"));
    expect(optionId("Chuyển tiền ngay", "Tin nhắn từ số A")).not.toBe(optionId("Chuyển tiền ngay", "Tin nhắn từ số B"));
    expect(optionId("Gọi 113")).toMatch(/^[0-9a-z]{10}$/);
  });
});
