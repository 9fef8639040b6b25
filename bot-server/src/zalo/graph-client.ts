import { createHmac } from "node:crypto";
import axios, { type AxiosAdapter, type AxiosInstance } from "axios";
import { badGateway, unauthorized } from "../lib/errors.js";

export interface ZaloProfile {
  id: string;
  name: string;
  idByOA: string | null;
}

export interface GraphClient {
  /** Checks a user access token from the mini app's getAccessToken() and returns who it belongs to. */
  me(accessToken: string): Promise<ZaloProfile>;
}

export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(accessToken).digest("hex");
}

export interface GraphClientOptions {
  baseUrl: string;
  appSecret: string;
  timeoutMs?: number;
  /** Lets the sandbox answer in-process; real deployments use axios's HTTP adapter. */
  adapter?: AxiosAdapter;
}

export function graphClient(opts: GraphClientOptions): GraphClient {
  const http: AxiosInstance = axios.create({
    baseURL: opts.baseUrl.replace(/\/$/, ""),
    timeout: opts.timeoutMs ?? 5000,
    validateStatus: () => true,
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
  });
  return {
    async me(accessToken) {
      let res;
      try {
        res = await http.get("/v2.0/me", {
          params: { fields: "id,name,user_id_by_oa" },
          headers: { access_token: accessToken, appsecret_proof: appSecretProof(accessToken, opts.appSecret) },
        });
      } catch {
        throw badGateway("zalo_unavailable", "Không kết nối được với Zalo. Vui lòng thử lại sau.");
      }
      if (res.status >= 500) throw badGateway("zalo_unavailable", "Zalo đang bận. Vui lòng thử lại sau.");
      const body = res.data as { id?: unknown; name?: unknown; user_id_by_oa?: unknown; error?: unknown };
      // Zalo answers errors with HTTP 200 and a non-zero `error`.
      if (res.status !== 200 || (body.error !== undefined && body.error !== 0) || (typeof body.id !== "string" && typeof body.id !== "number")) {
        throw unauthorized("zalo_token_invalid", "Zalo không xác nhận được tài khoản. Vui lòng mở lại ứng dụng.");
      }
      return {
        id: String(body.id),
        name: typeof body.name === "string" && body.name.trim() ? body.name.trim().slice(0, 200) : "Người học",
        idByOA: body.user_id_by_oa ? String(body.user_id_by_oa) : null,
      };
    },
  };
}
