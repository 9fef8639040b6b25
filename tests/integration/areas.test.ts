import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { fixtureCourse } from "../helpers/fixture.js";

describe("the administrative units API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("sqlite", { course: fixtureCourse() });
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists the 34 provinces", async () => {
    const res = await t.app.inject({ url: "/api/v1/areas/provinces" });
    expect(res.json().provinces).toHaveLength(34);
    expect(res.json().provinces).toContainEqual({ code: "01", name: "Thành phố Hà Nội" });
  });

  it("finds communes by name with or without tone marks, inside a province when asked", async () => {
    const plain = (await t.app.inject({ url: "/api/v1/areas/communes?q=ba%20dinh&province=01" })).json().communes;
    const marked = (await t.app.inject({ url: `/api/v1/areas/communes?q=${encodeURIComponent("Ba Đình")}&province=01` })).json().communes;
    expect(plain[0]).toEqual({ code: "00004", name: "Phường Ba Đình", provinceCode: "01", fullName: "Phường Ba Đình, Thành phố Hà Nội" });
    expect(marked[0]).toEqual(plain[0]);
    expect(plain.every((c: { provinceCode: string }) => c.provinceCode === "01")).toBe(true);
  });

  it("refuses an empty query or a bad province code with 400", async () => {
    expect((await t.app.inject({ url: "/api/v1/areas/communes?q=" })).statusCode).toBe(400);
    expect((await t.app.inject({ url: "/api/v1/areas/communes?q=ba&province=1" })).statusCode).toBe(400);
  });
});
