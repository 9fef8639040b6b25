import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const ZALO = {
  ZALO_APP_ID: "1234567890",
  ZALO_APP_SECRET: "app-secret",
  ZALO_MINIAPP_ID: "9876543210",
  ZALO_OA_ID: "5550000000",
  ZALO_OA_SECRET_KEY: "oa-secret-key",
};
const SECRET = "k7Qz-2mWp9xLr4Tb8NcV1hJd6FgS3aYe";

/** The message of the ConfigError that loadConfig throws for `env`. */
function refusal(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("loadConfig accepted the environment");
}

describe("loadConfig", () => {
  it("reads the report cost inputs in VND (defaults 500,000 a team-month and 200,000 a member trained) and refuses nonsense", () => {
    expect(loadConfig({}).reportCosts).toEqual({ teamMonthVnd: 500_000, memberTrainedVnd: 200_000 });
    expect(loadConfig({ REPORT_COST_TEAM_MONTH_VND: "300000", REPORT_COST_MEMBER_TRAINED_VND: "0" }).reportCosts).toEqual({
      teamMonthVnd: 300_000,
      memberTrainedVnd: 0,
    });
    expect(refusal({ REPORT_COST_TEAM_MONTH_VND: "-1" })).toContain("REPORT_COST_TEAM_MONTH_VND");
    expect(refusal({ REPORT_COST_MEMBER_TRAINED_VND: "2 USD" })).toContain("REPORT_COST_MEMBER_TRAINED_VND");
  });

  it("keeps local lessons' photos in the database unless IMAGE_STORE=s3, which needs a bucket and its keys", () => {
    expect(loadConfig({}).imageStore).toEqual({ kind: "database" });
    const s3 = { IMAGE_STORE: "s3", S3_BUCKET: "anh-bai-hoc", S3_ACCESS_KEY_ID: "AKIA1", S3_SECRET_ACCESS_KEY: "s3cr3t", S3_ENDPOINT: "https://s3.example.vn" };
    expect(loadConfig(s3).imageStore).toEqual({
      kind: "s3",
      s3: {
        endpoint: "https://s3.example.vn",
        region: "us-east-1",
        bucket: "anh-bai-hoc",
        accessKeyId: "AKIA1",
        secretAccessKey: "s3cr3t",
        prefix: "",
        forcePathStyle: true,
      },
    });
    expect(refusal({ ...s3, S3_BUCKET: "" })).toContain("S3_BUCKET");
    expect(refusal({ ...s3, S3_SECRET_ACCESS_KEY: "" })).toContain("S3_SECRET_ACCESS_KEY");
    expect(refusal({ IMAGE_STORE: "disk" })).toContain("IMAGE_STORE");
  });

  it("opens 24 PostgreSQL connections per process unless DATABASE_POOL_SIZE says otherwise, and refuses nonsense", () => {
    expect(loadConfig({}).databasePoolSize).toBe(24);
    expect(loadConfig({ DATABASE_POOL_SIZE: "8" }).databasePoolSize).toBe(8);
    for (const bad of ["0", "-3", "2.5", "many", "500"]) expect(refusal({ DATABASE_POOL_SIZE: bad })).toContain("DATABASE_POOL_SIZE");
  });

  it("has working defaults with an empty environment: port 3000, SQLite in ./data, sandbox mode", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: "development",
      host: "0.0.0.0",
      port: 3000,
      databaseUrl: "sqlite:./data/app.db",
      mode: "sandbox",
      sessionSecret: undefined,
      sessionTtlMinutes: 120,
      miniappDir: "www",
      bodyLimit: 262_144,
    });
    expect(c).not.toHaveProperty("zalo");
  });

  it("reads only the object it is given, not process.env", () => {
    const before = process.env.PORT;
    process.env.PORT = "4321";
    try {
      expect(loadConfig({}).port).toBe(3000);
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
  });

  it("coerces numbers from strings", () => {
    const c = loadConfig({ PORT: "8080", SESSION_TTL_MINUTES: "30", BODY_LIMIT_BYTES: "4096" });
    expect(c).toMatchObject({ port: 8080, sessionTtlMinutes: 30, bodyLimit: 4096 });
  });

  it("treats empty or blank credentials as unset (sandbox mode)", () => {
    const c = loadConfig({ ZALO_APP_ID: "", ZALO_APP_SECRET: "  ", ZALO_MINIAPP_ID: "" });
    expect(c.mode).toBe("sandbox");
    expect(c).not.toHaveProperty("zalo");
  });

  it("switches to Zalo mode with all three credentials and a session secret", () => {
    const c = loadConfig({ ...ZALO, SESSION_SECRET: SECRET, ZALO_OA_ID: "555", DATABASE_URL: "postgres://u@db:5432/app" });
    expect(c.mode).toBe("zalo");
    expect(c.mode === "zalo" && c.zalo).toEqual({
      appId: "1234567890",
      appSecret: "app-secret",
      miniappId: "9876543210",
      oaId: "555",
      oaSecretKey: "oa-secret-key",
      graphUrl: "https://graph.zalo.me",
      openapiUrl: "https://openapi.zalo.me",
      oauthUrl: "https://oauth.zaloapp.com",
      initialAccessToken: undefined,
      initialRefreshToken: undefined,
    });
    expect(c.sessionSecret).toBe(SECRET);
    expect(c.databaseUrl).toBe("postgres://u@db:5432/app");
  });

  it.each([
    ["only the app id", { ZALO_APP_ID: "1" }],
    ["app id and secret, no mini app id", { ZALO_APP_ID: "1", ZALO_APP_SECRET: "x" }],
    ["only the mini app id", { ZALO_MINIAPP_ID: "2" }],
  ])("refuses partial Zalo credentials (%s) with a clear message", (_name, env) => {
    const msg = refusal({ ...env, SESSION_SECRET: SECRET });
    expect(msg).toContain("Invalid environment");
    expect(msg).toContain("ZALO_APP_ID: set ZALO_APP_ID, ZALO_APP_SECRET and ZALO_MINIAPP_ID together (or none for the sandbox)");
  });

  it("requires SESSION_SECRET when Zalo credentials are set", () => {
    expect(refusal({ ...ZALO })).toContain("SESSION_SECRET: is required when Zalo credentials are set");
  });

  it("requires SESSION_SECRET of at least 32 characters", () => {
    expect(refusal({ ...ZALO, SESSION_SECRET: "s".repeat(31) })).toContain("SESSION_SECRET: must be at least 32 characters");
    expect(loadConfig({ ...ZALO, SESSION_SECRET: SECRET }).sessionSecret).toHaveLength(32);
  });

  it.each([
    ["one character repeated", "s".repeat(40)],
    ["a short pattern repeated", "abc123".repeat(7)],
    ["a known example", "change-me-to-a-long-random-secret-value-1234"],
    ["few different characters", "abababababababababababababababbbaa"],
  ])("refuses a weak SESSION_SECRET: %s", (_name, secret) => {
    expect(refusal({ ...ZALO, SESSION_SECRET: secret })).toContain("SESSION_SECRET: is too simple");
  });

  it("refuses NODE_ENV=production without Zalo credentials (it would run the sandbox and serve its secrets)", () => {
    expect(refusal({ NODE_ENV: "production" })).toContain("NODE_ENV: production needs the Zalo credentials");
    expect(loadConfig({ NODE_ENV: "production", ...ZALO, SESSION_SECRET: SECRET }).mode).toBe("zalo");
  });

  it.each(["mysql://u@h/db", "./data/app.db", "sqlite:", "postgres://", "http://db"])("refuses DATABASE_URL %s", (url) => {
    expect(refusal({ DATABASE_URL: url })).toContain("DATABASE_URL: must be sqlite:<path> or postgres://…");
  });

  it.each(["sqlite::memory:", "sqlite:/var/lib/app.db", "postgresql://u@h:5432/db"])("accepts DATABASE_URL %s", (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it("refuses a port out of range and an unknown log level, listing each", () => {
    const msg = refusal({ PORT: "70000", LOG_LEVEL: "loud" });
    expect(msg).toMatch(/^ {2}PORT: /m);
    expect(msg).toMatch(/^ {2}LOG_LEVEL: /m);
  });

  it("refuses a ZALO_GRAPH_URL that is not a URL", () => {
    expect(refusal({ ZALO_GRAPH_URL: "graph.zalo.me" })).toMatch(/^ {2}ZALO_GRAPH_URL: /m);
  });
});

describe("loadConfig with Zalo credentials", () => {
  it("requires the OA id and OA secret key, which verify the webhook", () => {
    const { ZALO_OA_ID: _id, ZALO_OA_SECRET_KEY: _key, ...withoutOa } = ZALO;
    expect(() => loadConfig({ ...withoutOa, SESSION_SECRET: SECRET })).toThrow(/ZALO_OA_ID and ZALO_OA_SECRET_KEY are required/);
  });
});
