import { describe, expect, it } from "vitest";
import type { GlossaryEntry } from "../schemas/content.js";
import { glossaryMatcher } from "./glossary.js";

const entries: GlossaryEntry[] = [
  { id: "trang-web", term: "trang web", aliases: ["website"], definition: "." },
  { id: "duoi-trang-web", term: "đuôi trang web", aliases: [], definition: "." },
  { id: "otp", term: "mã OTP", aliases: ["OTP"], definition: "." },
  { id: "ai", term: "trí tuệ nhân tạo", aliases: ["AI"], definition: "." },
  { id: "ma-pin", term: "mã PIN", aliases: [], definition: "." },
];
const find = glossaryMatcher(entries);
const words = (text: string) => find(text).map((s) => [text.slice(s.start, s.end), s.id]);

describe("glossaryMatcher", () => {
  it("finds whole words, the longest form first, each term once", () => {
    expect(words("Xem đuôi trang web trước. Trang web thật có đuôi .gov.vn")).toEqual([
      ["đuôi trang web", "duoi-trang-web"],
      ["Trang web", "trang-web"],
    ]);
    expect(words("Không đọc mã OTP. OTP chỉ dùng một lần.")).toEqual([["mã OTP", "otp"]]);
    expect(words("Mở websites")).toEqual([]);
  });

  it("matches an acronym only as written: 'ai' is 'who', not AI", () => {
    expect(words("Không nói cho ai biết mã PIN")).toEqual([["mã PIN", "ma-pin"]]);
    expect(words("Hỏi AI cũng có thể sai")).toEqual([["AI", "ai"]]);
    expect(words("Pin điện thoại sắp hết")).toEqual([]);
  });

  it("finds terms in text with decomposed tone marks; the spans index its composed (NFC) form", () => {
    const decomposed = "Xem đuôi trang web".normalize("NFD");
    const spans = find(decomposed);
    expect(spans.map((s) => decomposed.normalize("NFC").slice(s.start, s.end))).toEqual(["đuôi trang web"]);
  });
});
