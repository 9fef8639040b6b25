import type { Insertable } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignsTable } from "../../bot-server/src/db/schema.js";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";

const course = loadCourseOrThrow();
const BA_DINH = "00004";
const NGOC_HA = "00008"; // also in Hà Nội (01)
const HCM_COMMUNE = "25747"; // in Thành phố Hồ Chí Minh (79)
const OPERATOR = "5500000000000000001";
const HANOI = "5500000000000000002"; // province official of 01
const BA_DINH_OFFICIAL = "5500000000000000003";
const HCM_OFFICIAL = "5500000000000000004"; // commune official of 25747
const SOMEONE = "5500000000000000099"; // an official who never signs in here

describe.each(DIALECTS)("the list of campaigns on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const token: Record<string, string> = {};
  let noRole = "";
  /** Campaign ids by name, in creation order. */
  const id: Record<string, number> = {};

  const list = (who: string, query = "") => t.app.inject({ url: `/api/v1/admin/campaigns${query}`, headers: { authorization: `Bearer ${who}` } });
  const ids = async (who: string, query = "") => {
    const res = await list(who, query);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().campaigns as { id: number }[]).map((c) => c.id);
  };
  const named = (...names: string[]) => names.map((n) => id[n]!).sort((a, b) => b - a);

  async function campaign(name: string, areaCode: string, status: CampaignsTable["status"], by: string, o: Partial<Insertable<CampaignsTable>> = {}) {
    clock.advanceMinutes(1);
    const now = clock.now().toISOString();
    id[name] = await t.app.services.repos.campaigns.insert({
      title: name,
      content: JSON.stringify({ text: "Nội dung", imageUrl: null, buttons: [] }),
      area_code: areaCode,
      communes: "[]",
      topics: '["an-toan-mang"]',
      allow_paid: 0,
      budget_vnd: 0,
      use_promotion: 0,
      status,
      created_by: by,
      created_at: now,
      updated_at: now,
      ...(status === "draft" ? {} : { sent_by: by, sent_at: now }),
      ...o,
    });
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    const at = clock.now().toISOString();
    await t.testDb.db.db
      .insertInto("roles")
      .values([
        { zalo_user_id: OPERATOR, role: "operator", area_code: "", granted_by: "test", granted_at: at },
        { zalo_user_id: HANOI, role: "province_official", area_code: "01", granted_by: "test", granted_at: at },
        { zalo_user_id: BA_DINH_OFFICIAL, role: "commune_official", area_code: BA_DINH, granted_by: "test", granted_at: at },
        { zalo_user_id: HCM_OFFICIAL, role: "commune_official", area_code: HCM_COMMUNE, granted_by: "test", granted_at: at },
      ])
      .execute();
    for (const [i, u] of [OPERATOR, HANOI, BA_DINH_OFFICIAL, HCM_OFFICIAL].entries()) token[u] = (await signInAs(t.app, i)).token;
    noRole = (await signInAs(t.app, 4)).token;

    await campaign("baDinhDraft", BA_DINH, "draft", BA_DINH_OFFICIAL);
    await campaign("ngocHaSending", NGOC_HA, "sending", HANOI);
    await campaign("hanoiByMe", "01", "awaiting_approval", HANOI);
    await campaign("hanoiBySomeone", "01", "awaiting_approval", SOMEONE);
    // Written by someone else, but sent (for approval) by the Hà Nội official: still not theirs to approve.
    await campaign("hanoiSentByMe", "01", "awaiting_approval", SOMEONE, { sent_by: HANOI });
    await campaign("hcmCommuneDone", HCM_COMMUNE, "done", HCM_OFFICIAL);
    await campaign("hcmProvinceAwaiting", "79", "awaiting_approval", SOMEONE);
    await campaign("baDinhCancelled", BA_DINH, "cancelled", BA_DINH_OFFICIAL);
    await campaign("baDinhScheduled", BA_DINH, "scheduled", BA_DINH_OFFICIAL, { scheduled_at: "2025-06-03T01:00:00.000Z" });
    // Some deliveries of the sending one: the light counts.
    const now = clock.now().toISOString();
    const row = (user: string, state: "sent" | "held" | "failed" | "planned") => ({
      campaign_id: id.ngocHaSending!,
      user_id: user,
      kind: "cs" as const,
      state,
      zalo_message_id: null,
      error_code: state === "failed" ? -201 : null,
      created_at: now,
      updated_at: now,
    });
    await t.app.services.repos.deliveries.insertMany([row("u1", "sent"), row("u2", "sent"), row("u3", "held"), row("u4", "failed"), row("u5", "planned")]);
  });
  afterAll(async () => {
    await t.close();
  });

  const ALL = [
    "baDinhDraft",
    "ngocHaSending",
    "hanoiByMe",
    "hanoiBySomeone",
    "hanoiSentByMe",
    "hcmCommuneDone",
    "hcmProvinceAwaiting",
    "baDinhCancelled",
    "baDinhScheduled",
  ];

  it("the operator sees every campaign, newest first", async () => {
    expect(await ids(token[OPERATOR]!)).toEqual(named(...ALL));
  });

  it("a province official sees the province's campaigns and those of its communes, nothing of another province", async () => {
    expect(await ids(token[HANOI]!)).toEqual(
      named("baDinhDraft", "ngocHaSending", "hanoiByMe", "hanoiBySomeone", "hanoiSentByMe", "baDinhCancelled", "baDinhScheduled"),
    );
  });

  it("a commune official sees only the commune's campaigns: not the province's, not a neighbour's", async () => {
    expect(await ids(token[BA_DINH_OFFICIAL]!)).toEqual(named("baDinhDraft", "baDinhCancelled", "baDinhScheduled"));
    expect(await ids(token[HCM_OFFICIAL]!)).toEqual(named("hcmCommuneDone"));
  });

  it("each item carries what the list shows, with the area's name and light counts", async () => {
    const res = (await list(token[HANOI]!)).json() as { campaigns: Record<string, unknown>[]; nextCursor: string | null };
    expect(res.nextCursor).toBeNull();
    const sending = res.campaigns.find((c) => c.id === id.ngocHaSending)!;
    expect(sending).toEqual({
      id: id.ngocHaSending,
      title: "ngocHaSending",
      status: "sending",
      areaCode: NGOC_HA,
      areaName: expect.stringMatching(/^Phường Ngọc Hà, Thành phố Hà Nội$/),
      provinceWide: false,
      createdAt: expect.any(String),
      sentAt: expect.any(String),
      scheduledAt: null,
      counts: { sent: 2, held: 1, failed: 1 },
    });
    expect(res.campaigns.find((c) => c.id === id.hanoiBySomeone)).toMatchObject({
      areaName: "Thành phố Hà Nội",
      provinceWide: true,
      status: "awaiting_approval",
    });
    expect(res.campaigns.find((c) => c.id === id.baDinhDraft)).toMatchObject({ sentAt: null, counts: { sent: 0, held: 0, failed: 0 } });
    expect(res.campaigns.find((c) => c.id === id.baDinhScheduled)).toMatchObject({ status: "scheduled", scheduledAt: "2025-06-03T01:00:00.000Z" });
  });

  it("awaitingMyApproval gives those I may approve: of my area, neither written nor sent by me", async () => {
    expect(await ids(token[HANOI]!, "?awaitingMyApproval=true")).toEqual(named("hanoiBySomeone"));
    expect(await ids(token[OPERATOR]!, "?awaitingMyApproval=true")).toEqual(named("hanoiByMe", "hanoiBySomeone", "hanoiSentByMe", "hcmProvinceAwaiting"));
    expect(await ids(token[BA_DINH_OFFICIAL]!, "?awaitingMyApproval=true")).toEqual([]);
    expect(await ids(token[HCM_OFFICIAL]!, "?awaitingMyApproval=true")).toEqual([]);
    // "false" and an empty value are the plain list.
    expect(await ids(token[HANOI]!, "?awaitingMyApproval=false")).toEqual(await ids(token[HANOI]!));
    expect(await ids(token[HANOI]!, "?status=&awaitingMyApproval=&cursor=")).toEqual(await ids(token[HANOI]!));
  });

  it("filters by status, within the area", async () => {
    expect(await ids(token[OPERATOR]!, "?status=done")).toEqual(named("hcmCommuneDone"));
    expect(await ids(token[HANOI]!, "?status=done")).toEqual([]);
    expect(await ids(token[HANOI]!, "?status=awaiting_approval")).toEqual(named("hanoiByMe", "hanoiBySomeone", "hanoiSentByMe"));
    expect(await ids(token[BA_DINH_OFFICIAL]!, "?status=cancelled")).toEqual(named("baDinhCancelled"));
  });

  it("pages by keyset, 20 at a time, without repeating or skipping, while new campaigns arrive", async () => {
    for (let i = 0; i < 41; i++) await campaign(`bulk${i}`, BA_DINH, "draft", BA_DINH_OFFICIAL);
    const expected = named(...Object.keys(id).filter((n) => n.startsWith("bulk") || n.startsWith("baDinh")));
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(token[BA_DINH_OFFICIAL]!, cursor ? `?cursor=${cursor}` : "");
      expect(res.statusCode).toBe(200);
      const body = res.json() as { campaigns: { id: number }[]; nextCursor: string | null };
      expect(body.campaigns.length).toBeLessThanOrEqual(20);
      seen.push(...body.campaigns.map((c) => c.id));
      cursor = body.nextCursor;
      // A campaign written meanwhile does not push the rest of the list around.
      if (pages++ === 0) await campaign("latecomer", BA_DINH, "draft", BA_DINH_OFFICIAL);
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
    // Another area's campaigns never show up, on any page.
    const hcm = await ids(token[HCM_OFFICIAL]!);
    expect(hcm).toEqual(named("hcmCommuneDone"));
  });

  it("refuses a bad query (400), no session (401) and a person without a role (403)", async () => {
    for (const q of ["?status=finished", "?cursor=abc", "?cursor=0", "?cursor=-5", "?awaitingMyApproval=yes", "?limit=5", "?status=done&status=draft"]) {
      const res = await list(token[OPERATOR]!, q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error, q).toBeTypeOf("string");
    }
    expect((await t.app.inject({ url: "/api/v1/admin/campaigns" })).statusCode).toBe(401);
    const res = await list(noRole);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: "not_an_official" });
  });
});
