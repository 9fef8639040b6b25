import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, DIALECTS, type TestDb } from "../../../tests/helpers/databases.js";
import { expectAppError } from "../../../tests/helpers/errors.js";
import { FIXED_NOW, manualClock } from "../../../tests/helpers/fixture.js";
import { startGraphStub, type GraphStub } from "../../../tests/helpers/graph-stub.js";
import { clearTables, countRows } from "../../../tests/helpers/rows.js";
import { sessionTokens } from "../lib/session.js";
import { repositories, type Repositories } from "../repositories/index.js";
import { graphClient } from "../zalo/graph-client.js";
import { signIn, type SignInDeps } from "./sign-in.js";

const APP_SECRET = "stub-app-secret";
const SESSION_SECRET = "x".repeat(32);

describe.each(DIALECTS)("signIn on %s", (dialect) => {
  let testDb: TestDb;
  let repos: Repositories;
  let stub: GraphStub;
  let deps: SignInDeps;
  const clock = manualClock();
  const learnerRows = () => testDb.db.db.selectFrom("learners").selectAll().execute();

  beforeAll(async () => {
    testDb = await createTestDb(dialect);
    repos = repositories(testDb.db.db, testDb.db.dialect);
    stub = await startGraphStub(APP_SECRET);
    deps = {
      repos,
      graph: graphClient({ baseUrl: stub.url, appSecret: APP_SECRET }),
      sessions: sessionTokens(SESSION_SECRET, 120, clock),
      clock,
    };
  });
  afterAll(async () => {
    await stub.close();
    await testDb.cleanup();
  });
  beforeEach(async () => {
    clock.set(FIXED_NOW);
    await clearTables(testDb.db.db);
    stub.users.clear();
    stub.fail = null;
    stub.users.set("token-an", { id: "5500000000000000001", name: "Nguyễn Văn An", user_id_by_oa: "7700000000000000001" });
    stub.users.set("token-binh", { id: "5500000000000000002", name: "Trần Thị Bình" });
  });

  it("creates the learner on first sign-in and issues a session token for them", async () => {
    const res = await signIn(deps, "token-an", true);
    const rows = await learnerRows();
    expect(rows).toEqual([
      {
        id: res.learner.id,
        zalo_user_id: "5500000000000000001",
        name: "Nguyễn Văn An",
        id_by_oa: "7700000000000000001",
        ref_code: null,
        created_at: FIXED_NOW.toISOString(),
        updated_at: FIXED_NOW.toISOString(),
        name_consent_at: FIXED_NOW.toISOString(),
      },
    ]);
    expect(res.learner).toEqual({ id: rows[0]!.id, name: "Nguyễn Văn An", refCode: null, nameSaved: true });
    expect(deps.sessions.verify(res.token)).toEqual({ learnerId: res.learner.id });
    expect(res.expiresAt).toBe(new Date(FIXED_NOW.getTime() + 120 * 60_000).toISOString());
  });

  it("signing in again finds the same learner and creates no second row", async () => {
    const first = await signIn(deps, "token-an");
    clock.advanceMinutes(30);
    const second = await signIn(deps, "token-an");
    expect(second.learner.id).toBe(first.learner.id);
    expect(await countRows(testDb.db.db)).toMatchObject({ learners: 1 });
    // Nothing changed in the profile, so the row is not rewritten.
    expect((await learnerRows())[0]!.updated_at).toBe(FIXED_NOW.toISOString());
  });

  it("without the person's consent the name is 'Người học', whatever Zalo's answer says", async () => {
    const res = await signIn(deps, "token-an");
    expect(res.learner).toMatchObject({ name: "Người học", nameSaved: false });
    expect((await learnerRows())[0]).toMatchObject({ name: "Người học", name_consent_at: null, id_by_oa: "7700000000000000001" });
  });

  it("updates the name and OA id when Zalo reports new ones, keeping id and creation time", async () => {
    const first = await signIn(deps, "token-an", true);
    stub.users.set("token-an", { id: "5500000000000000001", name: "Nguyễn Văn An (Bố)", user_id_by_oa: "7700000000000000999" });
    clock.advanceMinutes(60);
    const second = await signIn(deps, "token-an");
    expect(second.learner).toEqual({ id: first.learner.id, name: "Nguyễn Văn An (Bố)", refCode: null, nameSaved: true });
    expect(await learnerRows()).toEqual([
      expect.objectContaining({
        id: first.learner.id,
        name: "Nguyễn Văn An (Bố)",
        id_by_oa: "7700000000000000999",
        created_at: FIXED_NOW.toISOString(),
        updated_at: new Date(FIXED_NOW.getTime() + 60 * 60_000).toISOString(),
      }),
    ]);
  });

  it("clears the OA id when Zalo no longer reports one", async () => {
    await signIn(deps, "token-an");
    stub.users.set("token-an", { id: "5500000000000000001", name: "Nguyễn Văn An" });
    await signIn(deps, "token-an");
    expect((await learnerRows())[0]!.id_by_oa).toBeNull();
  });

  it("keeps the ref code a learner already has", async () => {
    const first = await signIn(deps, "token-an");
    await repos.learners.setRefIfEmpty(first.learner.id, "xa-an-binh", FIXED_NOW.toISOString());
    const second = await signIn(deps, "token-an");
    expect(second.learner.refCode).toBe("xa-an-binh");
  });

  it("two Zalo users become two learners", async () => {
    const an = await signIn(deps, "token-an");
    const binh = await signIn(deps, "token-binh");
    expect(an.learner.id).not.toBe(binh.learner.id);
    expect((await learnerRows()).map((r) => r.zalo_user_id).sort()).toEqual(["5500000000000000001", "5500000000000000002"]);
    expect(deps.sessions.verify(binh.token).learnerId).toBe(binh.learner.id);
  });

  it("a token Zalo does not recognise → 401 zalo_token_invalid, no learner stored", async () => {
    await expectAppError(signIn(deps, "token-forged"), 401, "zalo_token_invalid");
    expect(await countRows(testDb.db.db)).toMatchObject({ learners: 0 });
  });

  it("a client with the wrong app secret (Zalo's -242) → 401 zalo_token_invalid", async () => {
    const wrong = { ...deps, graph: graphClient({ baseUrl: stub.url, appSecret: "not-the-secret" }) };
    await expectAppError(signIn(wrong, "token-an"), 401, "zalo_token_invalid");
    expect(await countRows(testDb.db.db)).toMatchObject({ learners: 0 });
  });

  it("Zalo failing with a 5xx → 502 zalo_unavailable, no learner stored", async () => {
    stub.fail = { status: 503, body: { message: "busy" } };
    await expectAppError(signIn(deps, "token-an"), 502, "zalo_unavailable");
    expect(await countRows(testDb.db.db)).toMatchObject({ learners: 0 });
  });

  it("Zalo unreachable → 502 zalo_unavailable", async () => {
    const closed = await startGraphStub(APP_SECRET);
    await closed.close();
    const unreachable = { ...deps, graph: graphClient({ baseUrl: closed.url, appSecret: APP_SECRET }) };
    await expectAppError(signIn(unreachable, "token-an"), 502, "zalo_unavailable");
  });

  it("a numeric Zalo id is stored as a string and a blank name becomes a default", async () => {
    stub.users.set("token-so", { id: 5500000000000009, name: "   " });
    const res = await signIn(deps, "token-so");
    expect(res.learner.name).toBe("Người học");
    expect((await learnerRows())[0]).toMatchObject({ zalo_user_id: "5500000000000009", name: "Người học", id_by_oa: null });
  });
});
