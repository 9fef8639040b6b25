import { describe, expect, it } from "vitest";
import { TOPIC_ID } from "../constants/patterns.js";
import { GOVERNMENT_TOPIC, topicsOf } from "./topics.js";

describe("topicsOf", () => {
  it("lists each skill by its short name, in course order, then the government's news", () => {
    const skills = [
      { id: "co-ban", short: "Cơ bản", title: "Sử dụng điện thoại cơ bản" },
      { id: "an-toan-mang", short: "An toàn mạng", title: "An toàn trên mạng" },
    ];
    expect(topicsOf(skills)).toEqual([
      { id: "co-ban", title: "Cơ bản" },
      { id: "an-toan-mang", title: "An toàn mạng" },
      { id: "chinh-quyen", title: "Tin chính quyền" },
    ]);
    expect(topicsOf([])).toEqual([GOVERNMENT_TOPIC]);
  });
  it("the government topic is a valid topic id that a campaign may name", () => {
    expect(TOPIC_ID.test(GOVERNMENT_TOPIC.id)).toBe(true);
  });
});
