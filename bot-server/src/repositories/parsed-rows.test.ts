import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, DIALECTS, type TestDb } from "../../../tests/helpers/databases.js";
import { repositories, type Repositories } from "./index.js";

const NOW = "2026-11-28T02:00:00.000Z";

describe.each(DIALECTS)("repositories give services parsed rows on %s", (dialect) => {
  let testDb: TestDb;
  let repos: Repositories;

  beforeAll(async () => {
    testDb = await createTestDb(dialect);
    repos = repositories(testDb.db.db, testDb.db.dialect);
  });
  afterAll(async () => testDb?.cleanup());

  it("a campaign: content, communes and topics parsed, the 0/1 columns booleans", async () => {
    const buttons = [{ title: "Học ngay", lessonId: "bai-1" }];
    const id = await repos.campaigns.insert({
      title: "Tin",
      content: JSON.stringify({ text: "Nội dung", imageUrl: "https://example.org/a.png", buttons }),
      area_code: "01",
      communes: JSON.stringify(["00004"]),
      topics: JSON.stringify(["an-toan-mang"]),
      allow_paid: 1,
      budget_vnd: 1000,
      use_promotion: 0,
      status: "draft",
      created_by: "official",
      created_at: NOW,
      updated_at: NOW,
    });
    const expected = {
      content: { text: "Nội dung", imageUrl: "https://example.org/a.png", buttons },
      communes: ["00004"],
      topics: ["an-toan-mang"],
      allow_paid: true,
      use_promotion: false,
    };
    expect(await repos.campaigns.findById(id)).toMatchObject(expected);
    expect((await repos.campaigns.list({ areaCodes: ["01"], limit: 5 }))[0]).toMatchObject(expected);
  });

  it("a campaign whose stored content breaks the draft schema is refused, not passed on", async () => {
    const id = await repos.campaigns.insert({
      title: "Tin",
      content: JSON.stringify({ text: "" }),
      area_code: "01",
      communes: "[]",
      topics: '["an-toan-mang"]',
      allow_paid: 0,
      budget_vnd: 0,
      use_promotion: 0,
      status: "draft",
      created_by: "official",
      created_at: NOW,
      updated_at: NOW,
    });
    await expect(repos.campaigns.findById(id)).rejects.toThrow();
  });

  it("a subscriber: topics a list, the dialogue state parsed, the 0/1 columns booleans; in every read", async () => {
    await repos.subscribers.ensure("u1", NOW);
    await repos.subscribers.update("u1", { topics: '["an-toan-mang","chinh-quyen"]', news_enabled: 1, following: 1, dialogue: '{"mode":"topics"}' });
    const flags = { following: true, news_enabled: true, interaction_is_date: false };
    const topics = ["an-toan-mang", "chinh-quyen"];
    expect(await repos.subscribers.find("u1")).toMatchObject({ ...flags, topics, dialogue: { mode: "topics" } });
    expect(await repos.subscribers.findForUpdate("u1")).toMatchObject({ ...flags, topics });
    expect((await repos.subscribers.page("", 10))[0]).toMatchObject({ ...flags, topics });
    await repos.subscribers.update("u1", { following: 0, dialogue: "not json" });
    expect(await repos.subscribers.find("u1")).toMatchObject({ following: false, dialogue: "not json" });
    expect((await repos.subscribers.unknownSubscribed("", 10))[0]).toMatchObject({ user_id: "u1", topics });
  });
});
