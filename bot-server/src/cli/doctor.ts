/**
 * npm run doctor — checks a production configuration and prints, in plain words, each problem and its fix: HTTPS
 * PUBLIC_URL, secrets set and long enough, the OA connected and its token fresh, the mini app linked to the OA
 * (a sign-in with user_id_by_oa seen), webhook events arriving and signed, domain verification served, the quota
 * read. In sandbox mode the same checks run against the sandbox (a sandbox user signs in and writes to the OA).
 * Exit code 0 when every check passes, 1 otherwise.
 */
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import { ConfigError, loadConfig, type Config } from "../config.js";
import { readQuota } from "../services/campaigns/oa-quota.js";
import { OA_LINK_KEY } from "../services/sign-in.js";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do, when not ok. */
  fix?: string;
}

const DAY = 24 * 3600_000;

async function sandboxRoundTrip(app: FastifyInstance): Promise<void> {
  // A sandbox user who saved their name signs in (user_id_by_oa comes with it) and writes to the OA.
  const users = (await app.inject({ url: "/sandbox/users" })).json() as { users: { id: string; idByOA: string }[] };
  const u = users.users[0]!;
  const token = (await app.inject({ method: "POST", url: `/sandbox/users/${u.id}/token` })).json() as { access_token: string };
  await app.inject({ method: "POST", url: "/api/v1/auth/zalo", payload: { accessToken: token.access_token } });
  await app.inject({ method: "POST", url: `/sandbox/users/${u.idByOA}/send`, payload: { text: "menu" } });
  for (let i = 0; i < 100 && !(await app.services.repos.inbox.lastReceivedAt()); i++) await new Promise((r) => setTimeout(r, 50));
}

export async function runChecks(config: Config): Promise<Check[]> {
  const checks: Check[] = [];
  const sandbox = config.mode === "sandbox";
  const url = config.publicUrl ?? "";
  checks.push(
    /^https:\/\//.test(url) || (sandbox && (!url || /^http:\/\/(localhost|127\.0\.0\.1)/.test(url)))
      ? { name: "PUBLIC_URL", ok: true, detail: url || "sandbox on this machine" }
      : {
          name: "PUBLIC_URL",
          ok: false,
          detail: url ? `${url} is not HTTPS` : "not set",
          fix: "Set PUBLIC_URL=https://<your domain>: Zalo calls the webhook and the mini app calls the API over HTTPS only.",
        },
  );
  const secret = config.sessionSecret;
  checks.push(
    sandbox && !secret
      ? { name: "SESSION_SECRET", ok: true, detail: "sandbox: a random one each start" }
      : secret && secret.length >= 32 && new Set(secret).size > 4
        ? { name: "SESSION_SECRET", ok: true, detail: "set" }
        : {
            name: "SESSION_SECRET",
            ok: false,
            detail: secret ? "too short or too simple" : "not set",
            fix: "Set SESSION_SECRET to 32 or more random characters (for example: openssl rand -hex 32).",
          },
  );
  checks.push(
    config.operatorKey || sandbox
      ? { name: "OPERATOR_KEY", ok: true, detail: config.operatorKey ? "set" : "sandbox: not needed" }
      : { name: "OPERATOR_KEY", ok: false, detail: "not set", fix: "Set OPERATOR_KEY (16+ characters): it lets you connect the OA at /oauth/zalo/start?key=…" },
  );
  if (config.mode === "zalo") {
    const z = config.zalo;
    checks.push(
      z.appSecret.length >= 16 && z.oaSecretKey.length >= 16
        ? { name: "Zalo secrets", ok: true, detail: "ZALO_APP_SECRET and ZALO_OA_SECRET_KEY set" }
        : {
            name: "Zalo secrets",
            ok: false,
            detail: "ZALO_APP_SECRET or ZALO_OA_SECRET_KEY looks too short",
            fix: "Copy them again from developers.zalo.me (app settings; the OA secret key of the webhook settings).",
          },
    );
  }

  const app = await buildApp({ ...config, runWorkers: sandbox, followerImportHours: 0, logLevel: "silent" });
  try {
    await app.ready();
    if (sandbox) await sandboxRoundTrip(app).catch(() => undefined);
    let oa = await app.zalo.tokens.connection().catch(() => ({ status: "degraded" as const, reason: "unknown" }));
    for (let i = 0; sandbox && oa.status !== "ok" && i < 40; i++) {
      await new Promise((r) => setTimeout(r, 50));
      oa = await app.zalo.tokens.connection();
    }
    checks.push(
      oa.status === "ok"
        ? { name: "OA connected", ok: true, detail: `token valid until ${oa.expiresAt}` }
        : {
            name: "OA connected",
            ok: false,
            detail: oa.reason,
            fix: "Open /oauth/zalo/start?key=<OPERATOR_KEY> on this server and grant access for the OA (the callback URL must be set in the Zalo app).",
          },
    );
    const link = await app.services.repos.oaState.get<{ linked: boolean }>(OA_LINK_KEY);
    checks.push(
      link?.value.linked
        ? { name: "Mini app linked to the OA", ok: true, detail: "a sign-in brought user_id_by_oa" }
        : {
            name: "Mini app linked to the OA",
            ok: false,
            detail: link ? "sign-ins come without user_id_by_oa" : "no sign-in seen yet",
            fix: "In Zalo's mini app settings link the mini app to the OA, then open the mini app in Zalo once.",
          },
    );
    const last = await app.services.repos.inbox.lastReceivedAt();
    const fresh = last !== null && Date.now() - Date.parse(last) < 7 * DAY;
    checks.push(
      fresh
        ? { name: "Webhook events", ok: true, detail: `last signed event at ${last}` }
        : {
            name: "Webhook events",
            ok: false,
            detail: last ? `the last event came ${last}` : "no event has arrived",
            fix: "Set the webhook URL to <PUBLIC_URL>/webhooks/zalo in the Zalo app, turn on the OA events, and write to the OA once. Events with a wrong signature are refused: check ZALO_OA_SECRET_KEY.",
          },
    );
    if (config.zaloDomainVerification) {
      const res = await app.inject({ url: `/zalo_verifier${config.zaloDomainVerification}.html` });
      checks.push(
        res.statusCode === 200
          ? { name: "Domain verification", ok: true, detail: `/zalo_verifier${config.zaloDomainVerification}.html and the meta tag on /` }
          : { name: "Domain verification", ok: false, detail: `HTTP ${res.statusCode}`, fix: "Check ZALO_DOMAIN_VERIFICATION." },
      );
    } else {
      checks.push(
        sandbox
          ? { name: "Domain verification", ok: true, detail: "sandbox: not needed" }
          : {
              name: "Domain verification",
              ok: false,
              detail: "ZALO_DOMAIN_VERIFICATION is not set",
              fix: "Set ZALO_DOMAIN_VERIFICATION to the code Zalo gives when you verify the domain (the file zalo_verifier<CODE>.html).",
            },
      );
    }
    const quota = await readQuota({ oa: app.zalo.oa, repos: app.services.repos, clock: app.services.clock }, 0).catch(() => null);
    checks.push(
      quota
        ? { name: "Message quota", ok: true, detail: `${quota.remain} of ${quota.total} proactive messages left` }
        : {
            name: "Message quota",
            ok: false,
            detail: "could not be read from Zalo",
            fix: "Connect the OA first; if it is connected, try ZALO_QUOTA_METHOD=GET (Zalo's sources disagree on the method).",
          },
    );
  } finally {
    await app.close();
  }
  return checks;
}

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.log(`✗ Configuration\n${err.message}\n  Fix: correct these variables (see .env.example).`);
      return 1;
    }
    throw err;
  }
  console.log(config.mode === "sandbox" ? "Checking the sandbox (no Zalo credentials set):" : "Checking the Zalo configuration:");
  const checks = await runChecks(config);
  for (const c of checks) console.log(c.ok ? `✓ ${c.name}: ${c.detail}` : `✗ ${c.name}: ${c.detail}\n  Fix: ${c.fix}`);
  const failed = checks.filter((c) => !c.ok).length;
  console.log(failed ? `\n${failed} problem${failed > 1 ? "s" : ""} to fix.` : "\nEverything checked is ready.");
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
