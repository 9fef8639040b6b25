import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { OaTokenKeeper } from "../services/oa-token-keeper.js";
import { pkcePair, type OAuthClient } from "../zalo/oauth-client.js";

/** Runs the OAuth PKCE flow against the sandbox once, as an operator would against Zalo. */
export async function connectSandboxOa(app: FastifyInstance, oauth: OAuthClient, tokens: OaTokenKeeper): Promise<void> {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(8).toString("hex");
  const url = new URL(oauth.authorizeUrl("http://sandbox.local/oauth/zalo/callback", challenge, state));
  const res = await app.inject({ method: "GET", url: url.pathname + url.search });
  const code = new URL(String(res.headers.location)).searchParams.get("code");
  if (!code) throw new Error("sandbox OAuth did not return a code");
  await tokens.store(await oauth.exchangeCode(code, verifier), "sandbox");
}
