import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.js";
import { bullQueue } from "../jobs/bullmq-queue.js";
import { dbQueue } from "../jobs/db-queue.js";
import type { JobQueue } from "../jobs/queue.js";
import { injectAdapter } from "../sandbox/inject-adapter.js";
import { syntheticFollower } from "../sandbox/synthetic.js";
import { seedDemoCommunePoints } from "../sandbox/demo-points.js";
import { webhookDelivery, type WebhookDelivery } from "../sandbox/webhook-delivery.js";
import { faultsSchema, SandboxWorld, type Faults } from "../sandbox/world.js";
import { loadAreas, type Areas } from "../services/areas.js";
import { faqSearch, type FaqSearch } from "../services/dialogue/faq-search.js";
import { inboxWriter, WEBHOOK_JOB_ATTEMPTS, type InboxWriter } from "../services/inbox-writer.js";
import { oaTokenKeeper, type OaTokenKeeper } from "../services/oa-token-keeper.js";
import { BATCHES_AT_ONCE, batchFailedForGood, deliverBatch, RETRIES_AT_ONCE } from "../services/campaigns/deliver-batch.js";
import { deliverOne, deliveryFailedForGood } from "../services/campaigns/deliver-one.js";
import { planDeliveries } from "../services/campaigns/plan-deliveries.js";
import { processWebhookEvent } from "../services/webhook-events/process-webhook-event.js";
import { checkFollowers } from "../services/followers/check-followers.js";
import { runFollowerImport } from "../services/followers/run-import.js";
import { mirrorTags } from "../services/followers/mirror-tags.js";
import { ZaloApiError } from "../zalo/errors.js";
import { oaClient, zaloRateLimiter, type OaClient } from "../zalo/oa-client.js";
import { oauthClient, pkcePair, type OAuthClient } from "../zalo/oauth-client.js";

export interface OaServices {
  zaloIds: { appId: string; oaId: string; oaSecretKey: string };
  queue: JobQueue;
  /** Stores webhook events (group commit) and queues them. */
  inbox: InboxWriter;
  oa: OaClient;
  oauth: OAuthClient;
  tokens: OaTokenKeeper;
  faq: FaqSearch;
  areas: Areas;
  links: { lesson(lessonId: string): string; skill(skillId: string): string; home(): string };
  /** Sandbox mode only: the pretend Zalo and its webhook sender. */
  sandboxWorld: SandboxWorld | null;
  sandboxDelivery: WebhookDelivery | null;
  /** Queues the follower import for this period (at start, on schedule, and once the OA is connected). */
  scheduleFollowerImport(): Promise<void>;
  /** Deletes processed webhook events past their retention (hourly; tests call it). */
  pruneInbox(): Promise<number>;
}

declare module "fastify" {
  interface FastifyInstance {
    oa: OaServices;
  }
}

const SANDBOX_BASE = "http://sandbox.local";

/** Where "Học kỹ năng số" leads: Zalo's mini app deep link, or the web preview in sandbox mode. */
function miniappLinks(config: Config, miniappId: string) {
  const base = config.sandbox ? `${config.publicUrl ?? `http://localhost:${config.port}`}/zapps/${miniappId}/` : `https://zalo.me/s/${miniappId}/`;
  return { lesson: (id: string) => `${base}?lesson=${encodeURIComponent(id)}`, skill: (id: string) => `${base}?skill=${encodeURIComponent(id)}`, home: () => base };
}

export const oaPlugin = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
  const s = app.services;
  const sandbox = s.sandbox;
  const adapter = sandbox ? injectAdapter(app) : undefined;
  const ids = sandbox
    ? { appId: sandbox.appId, appSecret: sandbox.appSecret, oaId: sandbox.oaId, oaSecretKey: sandbox.oaSecretKey }
    : { appId: config.zalo!.appId, appSecret: config.zalo!.appSecret, oaId: config.zalo!.oaId, oaSecretKey: config.zalo!.oaSecretKey };

  const oauth = oauthClient({ baseUrl: sandbox ? `${SANDBOX_BASE}/sandbox/oauth` : config.zalo!.oauthUrl, appId: ids.appId, appSecret: ids.appSecret, adapter });
  const tokens = oaTokenKeeper({ oaId: ids.oaId, tokens: s.repos.tokens, locks: s.repos.locks, oauth, clock: s.clock, log: app.log });
  const limiter =
    config.zaloRateLimitPerMinute > 0 ? zaloRateLimiter(config.zaloRateLimitPerMinute, config.redisUrl ? { redisUrl: config.redisUrl, prefix: config.redisPrefix } : undefined) : null;
  // In the sandbox the OA connects itself on first use, through the same OAuth flow an operator runs against Zalo.
  // The pretend Zalo starts empty in every process, so tokens stored by an earlier run mean nothing to it: connect anew.
  let sandboxConnected: Promise<void> | null = null;
  const connectSandbox = () =>
    (sandboxConnected ??= connectSandboxOa(app, oauth, tokens).catch((err: unknown) => {
      sandboxConnected = null;
      throw err;
    }));
  const source = sandbox
    ? {
        accessToken: async () => {
          await connectSandbox();
          return tokens.accessToken();
        },
        refreshAfterRejection: (t: string) => tokens.refreshAfterRejection(t),
      }
    : tokens;
  const oa = oaClient({ baseUrl: sandbox ? `${SANDBOX_BASE}/sandbox/openapi` : config.zalo!.openapiUrl, tokens: source, limiter, adapter, quotaMethod: config.zaloQuotaMethod });
  const queue = config.redisUrl
    ? bullQueue({ redisUrl: config.redisUrl, prefix: config.redisPrefix, log: app.log, limits: config.zaloRateLimitPerMinute > 0 ? { delivery: { max: config.zaloRateLimitPerMinute, durationMs: 60_000 } } : {} })
    : dbQueue({ repo: s.repos.jobs, clock: s.clock, log: app.log });
  const course = { faq: s.course.faq, lessons: s.course.lessons };
  const world = sandbox ? new SandboxWorld(s.clock) : null;
  if (world) {
    const faults = faultsSchema.partial().safeParse(config.sandboxFaults);
    if (!faults.success) throw new Error(`SANDBOX_FAULTS: ${faults.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    world.setFaults(faults.data as Partial<Faults>);
    // An OA in use long before this server: with a seed, the same followers (who never send `follow`) every start.
    if (config.sandboxSeed) world.seedPreexisting(0, config.sandboxFollowers, syntheticFollower);
  }
  const delivery = sandbox
    ? config.sandboxWebhookUrl
      ? webhookDelivery({ identity: sandbox, url: config.sandboxWebhookUrl, retryScale: config.sandboxRetryScale, schedule: config.sandboxRetrySchedule, log: app.log })
      : webhookDelivery({ identity: sandbox, url: `${SANDBOX_BASE}/webhooks/zalo`, adapter, retryScale: config.sandboxRetryScale, schedule: config.sandboxRetrySchedule, log: app.log })
    : null;

  const services: OaServices = {
    zaloIds: { appId: ids.appId, oaId: ids.oaId, oaSecretKey: ids.oaSecretKey },
    queue,
    inbox: inboxWriter(s.repos, queue),
    oa,
    oauth,
    tokens,
    faq: faqSearch(course.faq, course.lessons),
    areas: loadAreas(),
    links: miniappLinks(config, s.miniappId),
    sandboxWorld: world,
    sandboxDelivery: delivery,
    scheduleFollowerImport: () => scheduleImport(),
    pruneInbox: () => pruneInbox(),
  };
  app.decorate("oa", services);

  const deps = { ...s, ...services, random: Math.random, log: app.log, paidMessageVnd: config.campaignCosts.paidMessageVnd, nearestCommuneKm: config.nearestCommuneKm };
  const followerDeps = { repos: s.repos, oa, clock: s.clock, log: app.log };
  // Someone who wrote to the OA with no follow on record: Zalo says whether they follow (user/detail).
  queue.process("follower-check", async (p) => void (await checkFollowers(followerDeps, [String(p.userId)])), { concurrency: 2 });
  // Subscriptions mirrored into OA tags (one per commune and topic), for officials using Zalo's OA Manager.
  queue.process("follower-tags", async (p) => void (config.zaloTags.enabled && (await mirrorTags(followerDeps, String(p.userId), config.zaloTags))), { concurrency: 2 });
  queue.process("followers-import", () => runFollowerImport(followerDeps, config.followerImportHours), {
    concurrency: 1,
    onFailed: async (_p, err) => app.log.error({ err }, "importing followers from Zalo failed for good; the next scheduled run tries again"),
  });
  queue.process("webhook", (p) => processWebhookEvent(deps, Number(p.inboxId)), {
    concurrency: 4,
    onFailed: async (p, err) => s.repos.inbox.recordFailure(Number(p.inboxId), err instanceof Error ? err.message : String(err), true),
  });

  /** Events stored but not queued (a crash or a failed write between the two) are queued; the key keeps it single. */
  async function requeueStranded(): Promise<void> {
    const ids = await s.repos.inbox.unqueuedIds(1000);
    if (ids.length) await queue.addBulk("webhook", ids.map((id) => ({ payload: { inboxId: id }, opts: { key: `inbox:${id}`, maxAttempts: WEBHOOK_JOB_ATTEMPTS } })));
  }
  const deliveryDeps = () => ({ repos: s.repos, queue, oa, areas: services.areas, clock: s.clock, costs: config.campaignCosts, lessonUrl: services.links.lesson, log: app.log, exactInteractions: config.zaloUserQuotaApi });
  queue.process("campaign-plan", (p) => planDeliveries(deliveryDeps(), Number(p.campaignId)), {
    concurrency: 1,
    // After its retries (the database kept failing): the campaign stays "sending" with what was planned; the log names it.
    onFailed: async (p, err) => app.log.error({ err, campaignId: p.campaignId }, "campaign planning failed for good; the campaign stays 'sending' until it is planned"),
  });
  queue.process("delivery-batch", (p) => deliverBatch(deliveryDeps(), (p.deliveryIds as number[]).map(Number)), {
    concurrency: BATCHES_AT_ONCE,
    onFailed: async (p, err) => {
      app.log.error({ err, deliveryIds: p.deliveryIds }, "delivery batch failed for good");
      await batchFailedForGood(deliveryDeps(), (p.deliveryIds as number[]).map(Number));
    },
  });
  // Single deliveries: those that left their batch to wait (retries, promotion held until morning).
  queue.process("delivery", (p) => deliverOne(deliveryDeps(), Number(p.deliveryId)), {
    concurrency: RETRIES_AT_ONCE,
    onFailed: async (p, err) => {
      app.log.error({ err, deliveryId: p.deliveryId }, "delivery failed for good");
      await deliveryFailedForGood(deliveryDeps(), Number(p.deliveryId), err instanceof ZaloApiError ? err.code : -1);
    },
  });

  /** At start once the OA is connected, then every FOLLOWER_IMPORT_HOURS: one job per period, whoever adds it. */
  const scheduleImport = async () => {
    if (config.followerImportHours <= 0) return;
    if (!world && (await tokens.connection()).status !== "ok") return void app.log.info("follower import waits until the OA is connected (/oauth/zalo/start)");
    const slot = Math.floor(s.clock.now().getTime() / (config.followerImportHours * 3600_000));
    await queue.add("followers-import", { slot }, { key: `followers-import:${slot}`, maxAttempts: 5 });
  };
  let importTimer: ReturnType<typeof setInterval> | null = null;
  let sweepTimer: ReturnType<typeof setInterval> | null = null;
  let pruneTimer: ReturnType<typeof setInterval> | null = null;
  /** Processed events leave the inbox after WEBHOOK_INBOX_RETENTION_DAYS (Zalo retries for hours, not days). */
  async function pruneInbox(): Promise<number> {
    const before = new Date(s.clock.now().getTime() - config.webhookInboxRetentionDays * 86400_000).toISOString();
    const n = await s.repos.inbox.prune(before);
    if (n) app.log.info({ pruned: n }, "old webhook events pruned from the inbox");
    return n;
  }
  let refreshTimer: ReturnType<typeof setInterval> | null = null;
  app.addHook("onReady", async () => {
    // The sandbox OA connects itself right away (not awaited: its OAuth flow goes through this very server).
    // Only the connection: a token check trailing behind it could race a test that moves the clock meanwhile.
    if (world) await seedDemoCommunePoints(s.repos, s.clock);
    if (world) setImmediate(() => void connectSandbox().catch((err: unknown) => app.log.warn({ err }, "sandbox OA could not connect")));
    else if (config.zalo!.initialAccessToken && config.zalo!.initialRefreshToken && !(await s.repos.tokens.find(ids.oaId))) {
      // First start with tokens from the environment; from then on the database holds the current pair.
      await tokens.seed({ accessToken: config.zalo!.initialAccessToken, refreshToken: config.zalo!.initialRefreshToken, expiresInSeconds: 3600 }, "env");
    }
    // An event whose job is still there (waiting, or leased by a process that died) keeps that job.
    await requeueStranded();
    if (config.runWorkers) queue.start();
    sweepTimer = setInterval(() => void requeueStranded().catch((err: unknown) => app.log.error({ err }, "inbox sweep failed")), 30_000);
    pruneTimer = setInterval(() => void pruneInbox().catch((err: unknown) => app.log.error({ err }, "inbox pruning failed")), 3600_000);
    pruneTimer.unref();
    sweepTimer.unref();
    refreshTimer = setInterval(() => void tokens.accessToken().catch((err: unknown) => app.log.warn({ err }, "OA token check failed")), 5 * 60_000);
    refreshTimer.unref();
    await scheduleImport().catch((err: unknown) => app.log.warn({ err }, "could not schedule the follower import"));
    importTimer = setInterval(() => void scheduleImport().catch((err: unknown) => app.log.warn({ err }, "could not schedule the follower import")), 15 * 60_000);
    importTimer.unref();
  });
  app.addHook("onClose", async () => {
    if (refreshTimer) clearInterval(refreshTimer);
    if (pruneTimer) clearInterval(pruneTimer);
    if (importTimer) clearInterval(importTimer);
    if (sweepTimer) clearInterval(sweepTimer);
    delivery?.stop();
    await queue.stop();
    await limiter?.disconnect();
  });
});

/** Sandbox mode: run the OAuth PKCE flow against the sandbox once, as an operator would against Zalo. */
async function connectSandboxOa(app: FastifyInstance, oauth: OAuthClient, tokens: OaTokenKeeper): Promise<void> {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(8).toString("hex");
  const url = new URL(oauth.authorizeUrl("http://sandbox.local/oauth/zalo/callback", challenge, state));
  const res = await app.inject({ method: "GET", url: url.pathname + url.search });
  const code = new URL(String(res.headers.location)).searchParams.get("code");
  if (!code) throw new Error("sandbox OAuth did not return a code");
  await tokens.store(await oauth.exchangeCode(code, verifier), "sandbox");
}
