import { describe, expect, it } from "vitest";
import { loadCourseOrThrow } from "../../../../shared/content-loader.js";
import { courseCatalog } from "../course-catalog.js";
import { lessonPosterContent, skillPosterContent, withRef } from "./poster-content.js";
import { wrap } from "./poster-fonts.js";

const catalog = courseCatalog(loadCourseOrThrow());
const zalo = {
  lesson: (id: string) => `https://zalo.me/s/1234567890/?lesson=${encodeURIComponent(id)}`,
  skill: (id: string) => `https://zalo.me/s/1234567890/?skill=${encodeURIComponent(id)}`,
};
const deps = { catalog, links: zalo };

describe("poster content", () => {
  it("adds the ref code to the mini app's lesson link, URL-encoded", () => {
    expect(withRef(zalo.lesson("quet-ma-qr"), "to-01_A")).toBe("https://zalo.me/s/1234567890/?lesson=quet-ma-qr&ref=to-01_A");
    expect(withRef("https://zalo.me/s/1/", "a b&c")).toBe("https://zalo.me/s/1/?ref=a%20b%26c");
    expect(withRef(zalo.lesson("quet-ma-qr"), null)).toBe("https://zalo.me/s/1234567890/?lesson=quet-ma-qr");
  });

  it("a lesson shows its key steps (written for posters), {{vars}} filled, and its first illustration", () => {
    const c = lessonPosterContent(deps, "kiem-tra-va-bao-cao", "xa-1");
    expect(c.title).toBe("Kiểm tra, báo cáo lừa đảo và xử lý khi bị lừa");
    expect(c.steps.length).toBeGreaterThanOrEqual(3);
    expect(c.steps.length).toBeLessThanOrEqual(5);
    expect(c.steps[0]).toBe("Tra cứu trang web đáng ngờ trên tinnhiemmang.vn");
    expect(c.steps.join(" ")).not.toContain("{{");
    expect(c.image).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(c.link).toBe("https://zalo.me/s/1234567890/?lesson=kiem-tra-va-bao-cao&ref=xa-1");
  });

  it("a skill lists its first five lessons and links to the skill's page; unknown ids are 404s", () => {
    const c = skillPosterContent(deps, "dich-vu-cong", null);
    expect(c.steps).toEqual(
      catalog
        .lessonsOf("dich-vu-cong")
        .slice(0, 5)
        .map((l) => l.title),
    );
    expect(c.more).toBe(`… và ${catalog.lessonsOf("dich-vu-cong").length - 5} bài nữa trong ứng dụng`);
    expect(c.link).toBe("https://zalo.me/s/1234567890/?skill=dich-vu-cong");
    expect(() => lessonPosterContent(deps, "khong-co", null)).toThrow(expect.objectContaining({ statusCode: 404, code: "lesson_not_found" }));
    expect(() => skillPosterContent(deps, "khong-co", null)).toThrow(expect.objectContaining({ statusCode: 404, code: "skill_not_found" }));
  });

  it("breaks lines at spaces within the width, without a lone last word", () => {
    const lines = wrap("Lỡ chuyển tiền thì gọi ngay ngân hàng để khóa tài khoản", 21, 400, 470);
    expect(lines.length).toBe(2);
    expect(lines[1]!.split(" ").length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe("Lỡ chuyển tiền thì gọi ngay ngân hàng để khóa tài khoản");
  });
});
