import type { FastifyInstance } from "fastify";
import { buildApp, type AppOverrides } from "../../bot-server/src/app.js";
import { loadConfig } from "../../bot-server/src/config.js";
import type { Dialect } from "../../bot-server/src/db/connect.js";
import { createTestDb, type TestDb } from "./databases.js";

export interface TestApp {
  app: FastifyInstance;
  testDb: TestDb;
  close(): Promise<void>;
}

/**
 * Tests start without the scheduled follower import (it would add Zalo's followers to every test's database);
 * the tests of the import turn it on or run it.
 */
const QUIET = { LOG_LEVEL: "silent", MINIAPP_DIR: "/nonexistent", FOLLOWER_IMPORT_HOURS: "0" };

/** The real server in sandbox mode on a fresh database of the given dialect, driven with app.inject. */
export async function createTestApp(dialect: Dialect, overrides: Omit<AppOverrides, "db"> = {}, env: Record<string, string> = {}): Promise<TestApp> {
  const testDb = await createTestDb(dialect);
  const config = loadConfig({ ...QUIET, DATABASE_URL: testDb.url, ...env });
  const app = await buildApp(config, { ...overrides, db: testDb.db });
  return {
    app,
    testDb,
    close: async () => {
      await app.close();
      await testDb.cleanup();
    },
  };
}

/** The real server on a database that already exists (a restart): closing it leaves the database to the caller. */
export async function appOnDb(testDb: TestDb, overrides: Omit<AppOverrides, "db"> = {}, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ ...QUIET, DATABASE_URL: testDb.url, ...env });
  return buildApp(config, { ...overrides, db: testDb.db });
}

/**
 * Signs in as a sandbox user the way the mini app does: a Zalo user token, exchanged for a session token. By
 * default the person has saved their name (authorize scope.userInfo, then a sign-in saying so), as most tests
 * want people with names; `{ shareName: false }` signs in as someone who has not ("Người học").
 */
export async function signInAs(
  app: FastifyInstance,
  userIndex = 0,
  o: { shareName?: boolean } = {},
): Promise<{ token: string; learnerId: string; zaloUserId: string }> {
  const users = (await app.inject({ url: "/sandbox/users" })).json() as { users: { id: string }[] };
  const user = users.users[userIndex]!;
  const shareName = o.shareName ?? true;
  if (shareName) await app.inject({ method: "POST", url: `/sandbox/users/${user.id}/authorize`, payload: { scopes: ["scope.userInfo"] } });
  const zalo = (await app.inject({ method: "POST", url: `/sandbox/users/${user.id}/token` })).json() as { access_token: string };
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/zalo",
    payload: { accessToken: zalo.access_token, ...(shareName ? { userInfoConsent: true } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { token: string; learner: { id: string } };
  return { token: body.token, learnerId: body.learner.id, zaloUserId: user.id };
}
