import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { sandboxConfigSchema } from "../../../shared/schemas/api.js";
import { sandboxConsentSchema, sandboxTokenSchema, sandboxUsersSchema } from "../../../shared/schemas/responses/sandbox.js";
import type { Clock } from "../lib/clock.js";
import { notFound } from "../lib/errors.js";
import { appSecretProof } from "../zalo/graph-client.js";
import { SANDBOX_USERS, sandboxConfigJson, type SandboxIdentity } from "./identity.js";
import { issueUserToken, readUserToken } from "./user-tokens.js";
import type { SandboxWorld } from "./world.js";

/** How long a sandbox user token lives; Zalo's mini app tokens are short-lived too. */
const USER_TOKEN_TTL_S = 3600;

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SandboxRoutesOptions {
  identity: SandboxIdentity;
  clock: Clock;
  world: SandboxWorld;
}

/**
 * The Zalo sandbox, part 1: a Graph API stand-in (GET /sandbox/graph/v2.0/me) that answers as Zalo does —
 * HTTP 200 with a non-zero `error` for a bad token or a wrong appsecret_proof — plus the sandbox's identifiers
 * and a way for the web preview to get a user token, which inside Zalo comes from getAccessToken().
 */
export async function sandboxRoutes(app: FastifyInstance, opts: SandboxRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { identity, clock, world } = opts;
  const tags = ["sandbox"];

  r.get("/sandbox/config", { schema: { tags, response: { 200: sandboxConfigSchema } } }, async () => sandboxConfigJson(identity));

  r.get("/sandbox/users", { schema: { tags, response: { 200: sandboxUsersSchema } } }, async () => ({
    users: [...SANDBOX_USERS],
  }));

  r.post(
    "/sandbox/users/:userId/token",
    {
      schema: {
        tags,
        params: z.strictObject({ userId: z.string().max(32) }),
        response: { 200: sandboxTokenSchema },
      },
    },
    async (req) => {
      const user = SANDBOX_USERS.find((u) => u.id === req.params.userId);
      if (!user) throw notFound("sandbox_user_not_found", "Không có người dùng thử này.");
      const expires = new Date(clock.now().getTime() + USER_TOKEN_TTL_S * 1000);
      return { access_token: issueUserToken(identity.tokenKey, user.id, expires), expires_in: USER_TOKEN_TTL_S };
    },
  );

  // What zmp-sdk's authorize({ scopes }) does inside Zalo, for the web preview: the user agrees (or not) to share.
  r.post(
    "/sandbox/users/:userId/authorize",
    {
      schema: {
        tags,
        params: z.strictObject({ userId: z.string().max(32) }),
        body: z.strictObject({
          scopes: z
            .array(z.enum(["scope.userInfo", "scope.userLocation", "scope.userPhonenumber", "scope.userFriends"]))
            .min(1)
            .max(3),
          allow: z.boolean().default(true),
        }),
        response: { 200: sandboxConsentSchema },
      },
    },
    async (req) => {
      const user = SANDBOX_USERS.find((u) => u.id === req.params.userId);
      if (!user) throw notFound("sandbox_user_not_found", "Không có người dùng thử này.");
      const state = world.users.get(user.idByOA) ?? world.addUser(user.idByOA, user.name, user.id);
      if (req.body.scopes.includes("scope.userInfo")) state.grantedUserInfo = req.body.allow;
      return Object.fromEntries(req.body.scopes.map((s) => [s, req.body.allow]));
    },
  );

  r.get("/sandbox/graph/v2.0/me", { schema: { tags, querystring: z.object({ fields: z.string().optional() }).passthrough() } }, async (req) => {
    const token = req.headers["access_token"];
    const proof = req.headers["appsecret_proof"];
    const userId = typeof token === "string" ? readUserToken(identity.tokenKey, token, clock.now()) : null;
    if (typeof token !== "string" || !userId) return { error: 452, message: "Access token is invalid or has expired" };
    if (typeof proof !== "string" || !sameHex(proof, appSecretProof(token, identity.appSecret))) {
      return { error: -242, message: "Invalid appsecret_proof" };
    }
    const user = SANDBOX_USERS.find((u) => u.id === userId);
    if (!user) return { error: 452, message: "Access token is invalid or has expired" };
    const fields = new Set((req.query.fields ?? "id,name").split(","));
    // Since zmp-sdk 2.35 a user token alone names no one: name and picture only after authorize(scope.userInfo);
    // user_id_by_oa only when the mini app is linked to the OA (zalo-platform.md, "Names").
    const granted = world.users.get(user.idByOA)?.grantedUserInfo === true;
    const full: Record<string, unknown> = {
      id: user.id,
      ...(granted ? { name: user.name, picture: { data: { url: "" } } } : {}),
      ...(world.faults.miniappLinkedToOa ? { user_id_by_oa: user.idByOA } : {}),
    };
    return { ...Object.fromEntries(Object.entries(full).filter(([k]) => fields.has(k) || k === "id")), error: 0, message: "Success" };
  });
}
