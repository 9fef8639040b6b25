import type { AssessmentSettings } from "./services/assessments/settings.js";
import { z } from "zod";
import type { S3Settings } from "./services/local-lessons/image-store.js";

const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** Words seen in example configurations: a secret made of them was copied, not generated. */
const EXAMPLE_SECRETS = /change.?me|changeit|your.?secret|example|placeholder|^(secret|password|session)/i;

/** Not one character or a short pattern repeated, enough different characters, not an example value. */
export function strongSecret(s: string): boolean {
  if (new Set(s).size < 10 || EXAMPLE_SECRETS.test(s)) return false;
  for (let n = 1; n <= 8; n++)
    if (
      s ===
      s
        .slice(0, n)
        .repeat(Math.ceil(s.length / n))
        .slice(0, s.length)
    )
      return false;
  return true;
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().default("0.0.0.0"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: optional,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    DATABASE_URL: z
      .string()
      .default("sqlite:./data/app.db")
      .refine((v) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(v), "must be sqlite:<path> or postgres://…"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(24),
    SESSION_SECRET: optional.pipe(
      z
        .string()
        .min(32, "must be at least 32 characters")
        .refine(
          strongSecret,
          "is too simple (few different characters, a repeated pattern or a known example): use 32+ random characters, e.g. openssl rand -hex 32",
        )
        .optional(),
    ),
    SESSION_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(120),
    ZALO_APP_ID: optional,
    ZALO_APP_SECRET: optional,
    ZALO_MINIAPP_ID: optional,
    ZALO_OA_ID: optional,
    ZALO_OA_SECRET_KEY: optional,
    ZALO_GRAPH_URL: z.string().url().default("https://graph.zalo.me"),
    ZALO_OPENAPI_URL: z.string().url().default("https://openapi.zalo.me"),
    ZALO_OAUTH_URL: z.string().url().default("https://oauth.zaloapp.com"),
    ZALO_OA_ACCESS_TOKEN: optional,
    ZALO_OA_REFRESH_TOKEN: optional,
    ZALO_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(4000),
    REDIS_URL: optional.pipe(
      z
        .string()
        .regex(/^rediss?:\/\/.+/, "must be redis://…")
        .optional(),
    ),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .default("ksc"),
    WORKERS: z.enum(["auto", "on", "off"]).default("auto"),
    PAID_MESSAGE_VND: z.coerce.number().int().min(0).max(100_000).default(55),
    PROMOTION_MESSAGE_VND: z.coerce.number().int().min(0).max(100_000).default(0),
    OA_PROMOTION_ELIGIBLE: z.enum(["true", "false"]).default("false"),
    ZALO_FREE_REPLIES_PER_WINDOW: z.coerce.number().int().min(0).max(1000).default(8),
    ZALO_QUOTA_METHOD: z.enum(["POST", "GET"]).default("POST"),
    ZALO_TAGS: z.enum(["on", "off"]).default("on"),
    ZALO_USER_QUOTA_API: z.enum(["on", "off"]).default("on"),
    ZALO_TAG_PREFIX: z
      .string()
      .regex(/^[a-z0-9-]{1,20}$/, "lower-case letters, digits and -")
      .default("ksc"),
    TRUST_PROXY: z
      .string()
      .regex(/^(false|true|\d{1,2}|[0-9a-fA-F.:/, ]+)$/, "false, true, a number of proxies, or addresses/CIDRs separated by commas")
      .default("false"),
    WEBHOOK_MAX_AGE_HOURS: z.coerce
      .number()
      .min(1)
      .max(24 * 7)
      .default(24),
    WEBHOOK_INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    NEAREST_COMMUNE_KM: z.coerce.number().min(1).max(100).default(15),
    FOLLOWER_IMPORT_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 30)
      .default(24),
    SANDBOX_FOLLOWERS: z.coerce.number().int().min(0).max(1_000_000).default(200),
    ZALO_DOMAIN_VERIFICATION: optional.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{8,100}$/, "the code Zalo gives (letters, digits, - and _), e.g. from zalo_verifier<CODE>.html")
        .optional(),
    ),
    REPORT_COST_TEAM_MONTH_VND: z.coerce.number().int().min(0).max(1_000_000_000).default(500_000),
    REPORT_COST_MEMBER_TRAINED_VND: z.coerce.number().int().min(0).max(1_000_000_000).default(200_000),
    OPERATOR_KEY: optional.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    SANDBOX_WEBHOOK_URL: optional.pipe(z.string().url().optional()),
    SANDBOX_FAULTS: optional,
    SANDBOX_RETRY_SCALE: z.coerce.number().min(0).max(1).default(1),
    SANDBOX_RETRY_SCHEDULE: z.enum(["12h", "short"]).default("12h"),
    SANDBOX_SEED: optional,
    MINIAPP_DIR: z.string().default("www"),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(262_144),
    CERTIFICATE_SIGNING_KEY: optional.pipe(
      z
        .string()
        .regex(/^[0-9a-f]{64}$/i, "the Ed25519 seed: 64 hex digits (openssl rand -hex 32)")
        .optional(),
    ),
    ASSESSMENT_QUESTIONS: z.coerce.number().int().min(3).max(40).default(10),
    ASSESSMENT_PASS_PERCENT: z.coerce.number().int().min(50).max(100).default(80),
    ASSESSMENT_RETRY_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
    ASSESSMENT_ATTEMPTS_PER_DAY: z.coerce.number().int().min(1).max(50).default(3),
    IMAGE_STORE: z.enum(["database", "s3"]).default("database"),
    S3_ENDPOINT: optional.pipe(z.string().url().optional()),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_BUCKET: optional.pipe(z.string().min(3).max(63).optional()),
    S3_ACCESS_KEY_ID: optional.pipe(z.string().min(1).optional()),
    S3_SECRET_ACCESS_KEY: optional.pipe(z.string().min(1).optional()),
    S3_PREFIX: z.string().max(200).default(""),
    S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("true"),
  })
  .superRefine((env, ctx) => {
    const creds = [env.ZALO_APP_ID, env.ZALO_APP_SECRET, env.ZALO_MINIAPP_ID];
    const some = creds.some(Boolean);
    if (some && !creds.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["ZALO_APP_ID"],
        message: "set ZALO_APP_ID, ZALO_APP_SECRET and ZALO_MINIAPP_ID together (or none for the sandbox)",
      });
    }
    if (some && (!env.ZALO_OA_ID || !env.ZALO_OA_SECRET_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: ["ZALO_OA_ID"],
        message: "ZALO_OA_ID and ZALO_OA_SECRET_KEY are required with Zalo credentials (the OA webhook is verified with the OA secret key)",
      });
    }
    // Without Zalo credentials the server runs the sandbox, which hands out its own secrets: never in production.
    if (!some && env.NODE_ENV === "production") {
      ctx.addIssue({
        code: "custom",
        path: ["NODE_ENV"],
        message:
          "production needs the Zalo credentials (ZALO_APP_ID, ZALO_APP_SECRET, ZALO_MINIAPP_ID, ZALO_OA_ID, ZALO_OA_SECRET_KEY): without them the server would run the Zalo sandbox and serve its secrets",
      });
    }
    if (env.IMAGE_STORE === "s3") {
      for (const k of ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const)
        if (!env[k]) ctx.addIssue({ code: "custom", path: [k], message: "is required with IMAGE_STORE=s3" });
    }
    if (some && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required when Zalo credentials are set" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface ZaloConfig {
  appId: string;
  appSecret: string;
  miniappId: string;
  oaId: string;
  oaSecretKey: string;
  graphUrl: string;
  openapiUrl: string;
  oauthUrl: string;
  /** Tokens to start with, before the OAuth flow has been run once; stored in the database on first start. */
  initialAccessToken: string | undefined;
  initialRefreshToken: string | undefined;
}

interface CommonConfig {
  env: Env["NODE_ENV"];
  host: string;
  port: number;
  publicUrl: string | undefined;
  logLevel: Env["LOG_LEVEL"];
  databaseUrl: string;
  /** PostgreSQL connections per process: a sync holds one for its transaction and briefly one for the session check. */
  databasePoolSize: number;
  sessionSecret: string | undefined;
  sessionTtlMinutes: number;
  /** Seed for the sandbox's secrets, so that several processes (and restarts) agree; random when unset. */
  sandboxSeed: string | undefined;
  /** Where the sandbox delivers webhook events; unset: this server's own /webhooks/zalo, in-process. */
  sandboxWebhookUrl: string | undefined;
  /** Faults the sandbox starts with (JSON, the keys of PUT /sandbox/faults). */
  sandboxFaults: Record<string, unknown>;
  /** Multiplies the sandbox's webhook retry schedule (tests speed it up). */
  sandboxRetryScale: number;
  /** The sandbox's retry schedule: "12h" (hourly to about 12 hours) or "short" (30 s … 1 h); sources disagree. */
  sandboxRetrySchedule: "12h" | "short";
  /** Calls per minute to Zalo's OA API, for every sender (of every process, with Redis); 0: no limit (benchmarks against a sandbox with its limit lifted). */
  zaloRateLimitPerMinute: number;
  /** Scale-out mode: jobs in BullMQ on this Redis (with PostgreSQL); unset: jobs in a database table. */
  redisUrl: string | undefined;
  /** Keeps deployments (and tests) that share a Redis apart. */
  redisPrefix: string;
  /** Whether this process runs job workers: by default yes in embedded mode, no with Redis (npm run worker does). */
  runWorkers: boolean;
  /** What planning counts as cost, and whether the OA may send promotion messages at all. */
  nearestCommuneKm: number;
  /** The Ed25519 seed certificates are signed with (hex); unset: derived from the session secret. */
  certificateSigningKey: string | undefined;
  /** A skill's final assessment: questions drawn, pass mark, and the retry rule. */
  assessment: AssessmentSettings;
  /** Where local lessons' photos are kept: in the database (every process shares it), or an S3-compatible bucket. */
  imageStore: { kind: "database" } | { kind: "s3"; s3: S3Settings };
  /** Fastify's trustProxy: false, true, a number of hops, or the proxies' addresses. */
  trustProxy: boolean | number | string[];
  /** Webhook events dated further back than this (or more than 10 minutes ahead) are refused as replays. */
  webhookMaxAgeHours: number;
  /** Processed webhook events are deleted from the inbox after this many days. */
  webhookInboxRetentionDays: number;
  campaignCosts: { paidMessageVnd: number; promotionMessageVnd: number; promotionEligible: boolean; freeRepliesPerWindow: number };
  /** How quota/message is called (sources disagree: Zalo's Java SDK POSTs, zalo-platform.md says GET). */
  zaloQuotaMethod: "get" | "post";
  /** Whether planning asks Zalo's per-person quota (v3 quota/message {user_id}) for exact last interactions. */
  zaloUserQuotaApi: boolean;
  /** OA tags mirroring subscriptions (one per commune and topic), for officials using Zalo's OA Manager. */
  zaloTags: { enabled: boolean; prefix: string };
  /** Hours between imports of the OA's followers from Zalo (also once at start when connected); 0: only by hand. */
  followerImportHours: number;
  /** Sandbox with SANDBOX_SEED: followers who were there before the server existed (they never send `follow`). */
  sandboxFollowers: number;
  /** Zalo's domain verification code (served as the home page's meta tag and as /zalo_verifier<CODE>.html). */
  zaloDomainVerification: string | undefined;
  /** Cost inputs of the reports (VND): a team's running cost per month it exists, and training one member. */
  reportCosts: { teamMonthVnd: number; memberTrainedVnd: number };
  /** Lets the operator start the OA OAuth flow outside sandbox mode. */
  operatorKey: string | undefined;
  miniappDir: string;
  bodyLimit: number;
}

/** Zalo credentials configured: the server talks to Zalo. */
export interface ZaloModeConfig extends CommonConfig {
  mode: "zalo";
  zalo: ZaloConfig;
}

/** No Zalo credentials: the server mounts the Zalo sandbox and talks to it; the sandbox provides its own ids and secrets at start. */
export interface SandboxModeConfig extends CommonConfig {
  mode: "sandbox";
}

export type Config = ZaloModeConfig | SandboxModeConfig;

export class ConfigError extends Error {}

function parseJsonObject(raw: string | undefined, name: string): Record<string, unknown> {
  if (!raw) return {};
  try {
    const v: unknown = JSON.parse(raw);
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ConfigError(`Invalid environment (see .env.example):\n  ${name}: must be a JSON object`);
}

/** Reads and validates the environment once; nothing else in the server reads process.env. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const r = envSchema.safeParse(source);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
  }
  const e = r.data;
  const common: CommonConfig = {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    sessionSecret: e.SESSION_SECRET,
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    sandboxSeed: e.SANDBOX_SEED,
    sandboxRetryScale: e.SANDBOX_RETRY_SCALE,
    sandboxRetrySchedule: e.SANDBOX_RETRY_SCHEDULE,
    sandboxFaults: parseJsonObject(e.SANDBOX_FAULTS, "SANDBOX_FAULTS"),
    sandboxWebhookUrl: e.SANDBOX_WEBHOOK_URL,
    zaloRateLimitPerMinute: e.ZALO_RATE_LIMIT_PER_MINUTE,
    operatorKey: e.OPERATOR_KEY,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    runWorkers: e.WORKERS === "on" || (e.WORKERS === "auto" && !e.REDIS_URL),
    campaignCosts: {
      paidMessageVnd: e.PAID_MESSAGE_VND,
      promotionMessageVnd: e.PROMOTION_MESSAGE_VND,
      promotionEligible: e.OA_PROMOTION_ELIGIBLE === "true",
      freeRepliesPerWindow: e.ZALO_FREE_REPLIES_PER_WINDOW,
    },
    zaloQuotaMethod: e.ZALO_QUOTA_METHOD === "GET" ? "get" : "post",
    zaloTags: { enabled: e.ZALO_TAGS === "on", prefix: e.ZALO_TAG_PREFIX },
    zaloUserQuotaApi: e.ZALO_USER_QUOTA_API === "on",
    followerImportHours: e.FOLLOWER_IMPORT_HOURS,
    nearestCommuneKm: e.NEAREST_COMMUNE_KM,
    trustProxy:
      e.TRUST_PROXY === "false"
        ? false
        : e.TRUST_PROXY === "true"
          ? true
          : /^\d+$/.test(e.TRUST_PROXY)
            ? Number(e.TRUST_PROXY)
            : e.TRUST_PROXY.split(",")
                .map((s) => s.trim())
                .filter(Boolean),
    webhookMaxAgeHours: e.WEBHOOK_MAX_AGE_HOURS,
    webhookInboxRetentionDays: e.WEBHOOK_INBOX_RETENTION_DAYS,
    sandboxFollowers: e.SANDBOX_FOLLOWERS,
    zaloDomainVerification: e.ZALO_DOMAIN_VERIFICATION,
    reportCosts: { teamMonthVnd: e.REPORT_COST_TEAM_MONTH_VND, memberTrainedVnd: e.REPORT_COST_MEMBER_TRAINED_VND },
    miniappDir: e.MINIAPP_DIR,
    bodyLimit: e.BODY_LIMIT_BYTES,
    certificateSigningKey: e.CERTIFICATE_SIGNING_KEY,
    assessment: {
      questions: e.ASSESSMENT_QUESTIONS,
      passPercent: e.ASSESSMENT_PASS_PERCENT,
      retryMinutes: e.ASSESSMENT_RETRY_MINUTES,
      attemptsPerDay: e.ASSESSMENT_ATTEMPTS_PER_DAY,
    },
    imageStore:
      e.IMAGE_STORE === "s3"
        ? {
            kind: "s3",
            s3: {
              endpoint: e.S3_ENDPOINT,
              region: e.S3_REGION,
              bucket: e.S3_BUCKET!,
              accessKeyId: e.S3_ACCESS_KEY_ID!,
              secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
              prefix: e.S3_PREFIX,
              forcePathStyle: e.S3_FORCE_PATH_STYLE === "true",
            },
          }
        : { kind: "database" },
  };
  const zalo = zaloConfigOf(e);
  return zalo ? { ...common, mode: "zalo", zalo } : { ...common, mode: "sandbox" };
}

/** The Zalo credentials, or null for the sandbox (the schema refuses some without the others). */
function zaloConfigOf(e: Env): ZaloConfig | null {
  const { ZALO_APP_ID: appId, ZALO_APP_SECRET: appSecret, ZALO_MINIAPP_ID: miniappId, ZALO_OA_ID: oaId, ZALO_OA_SECRET_KEY: oaSecretKey } = e;
  if (!appId || !appSecret || !miniappId || !oaId || !oaSecretKey) return null;
  return {
    appId,
    appSecret,
    miniappId,
    oaId,
    oaSecretKey,
    graphUrl: e.ZALO_GRAPH_URL,
    openapiUrl: e.ZALO_OPENAPI_URL,
    oauthUrl: e.ZALO_OAUTH_URL,
    initialAccessToken: e.ZALO_OA_ACCESS_TOKEN,
    initialRefreshToken: e.ZALO_OA_REFRESH_TOKEN,
  };
}
