import { createHmac, randomBytes } from "node:crypto";
import type { SandboxConfig, SandboxUser } from "../../../shared/schemas/api.js";

export interface SandboxIdentity {
  appId: string;
  appSecret: string;
  miniappId: string;
  oaId: string;
  oaSecretKey: string;
  /** Signs the user access tokens the sandbox hands out in place of Zalo. */
  tokenKey: string;
}

/** Fixed ids so links and bookmarks survive restarts; secrets derived from a seed (random unless configured). */
export function sandboxIdentity(seed: string = randomBytes(32).toString("hex")): SandboxIdentity {
  const secret = (label: string) => createHmac("sha256", seed).update(label).digest("base64url").slice(0, 20);
  return {
    appId: "3100000000000000001",
    appSecret: secret("app_secret"),
    miniappId: "3100000000000000002",
    oaId: "3100000000000000003",
    oaSecretKey: secret("oa_secret_key"),
    tokenKey: secret("user_token_key"),
  };
}

export function sandboxConfigJson(id: SandboxIdentity): SandboxConfig {
  return { app_id: id.appId, app_secret: id.appSecret, miniapp_id: id.miniappId, oa_id: id.oaId, oa_secret_key: id.oaSecretKey };
}

/** Zalo users the sandbox knows. Ids are strings, as Zalo's are; idByOA is the same person seen by the OA. */
export const SANDBOX_USERS: readonly SandboxUser[] = [
  { id: "5500000000000000001", name: "Nguyễn Văn An", idByOA: "7700000000000000001" },
  { id: "5500000000000000002", name: "Trần Thị Bình", idByOA: "7700000000000000002" },
  { id: "5500000000000000003", name: "Lê Văn Cường", idByOA: "7700000000000000003" },
  { id: "5500000000000000004", name: "Phạm Thị Dung", idByOA: "7700000000000000004" },
  { id: "5500000000000000005", name: "Hoàng Văn Em", idByOA: "7700000000000000005" },
];
