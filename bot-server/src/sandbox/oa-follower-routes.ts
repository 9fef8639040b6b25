import type { FastifyInstance, FastifyRequest } from "fastify";
import { vietnamDate } from "../../../shared/lib/vietnam-time.js";
import { envelope, openapiGate, readData } from "./openapi-gate.js";
import type { SandboxUserState, SandboxWorld } from "./world.js";

/**
 * The Zalo sandbox's follower endpoints of the OA OpenAPI: user/detail, user/getlist with Zalo's limits and
 * filters, the message quota (the OA's and one person's), and follower tags — each as Zalo shapes its answers.
 */
export async function sandboxFollowerRoutes(app: FastifyInstance, { world }: { world: SandboxWorld }): Promise<void> {
  const gate = openapiGate(world);
  const now = () => world.now();

  app.get("/sandbox/openapi/v3.0/oa/user/detail", { schema: { hide: true } }, async (req) => {
    const refused = await gate(req);
    if (refused) return refused;
    const user = world.users.get(String(readData(req.query).user_id ?? ""));
    if (!user) return envelope(-201, "user_id is invalid");
    return envelope(0, "Success", {
      user_id: user.id,
      user_id_by_app: user.appUserId,
      display_name: user.name,
      user_alias: user.name,
      is_sensitive: false,
      user_is_follower: user.following,
      // dd/mm/yyyy, the Vietnam date (Zalo gives a date, not a time).
      user_last_interaction_date: user.lastInteractionAt ? vietnamDate(user.lastInteractionAt).split("-").reverse().join("/") : "",
      avatar: "",
      tags_and_notes_info: { tag_names: [...user.tags], notes: [] },
      shared_info: null,
    });
  });

  // getlist: count 1–50, offset 0–9951 (about 10,000 people per filter), filters is_follower (true or "true"),
  // last_interaction_period and tag_name (../shared/zalo-platform.md, "Followers").
  app.get("/sandbox/openapi/v3.0/oa/user/getlist", { schema: { hide: true } }, async (req) => {
    const refused = await gate(req);
    if (refused) return refused;
    const d = readData(req.query);
    const offset = Number(d.offset ?? 0);
    const count = Number(d.count ?? 0);
    if (!Number.isInteger(offset) || offset < 0 || offset > 9951 || !Number.isInteger(count) || count < 1 || count > 50) {
      return envelope(-201, "offset must be 0–9951 and count 1–50");
    }
    const known = new Set(["offset", "count", "is_follower", "last_interaction_period", "tag_name"]);
    if (Object.keys(d).some((k) => !known.has(k))) return envelope(-201, "Parameter is invalid");
    const isFollower =
      d.is_follower === undefined
        ? undefined
        : d.is_follower === true || d.is_follower === "true"
          ? true
          : d.is_follower === false || d.is_follower === "false"
            ? false
            : null;
    if (isFollower === null) return envelope(-201, "is_follower must be true or false");
    const list = world.followersMatching({
      ...(isFollower === undefined ? {} : { isFollower }),
      ...(typeof d.last_interaction_period === "string" ? { period: d.last_interaction_period } : {}),
      ...(typeof d.tag_name === "string" ? { tagName: d.tag_name } : {}),
    });
    if (!list) return envelope(-201, "last_interaction_period must be TODAY, YESTERDAY, L7D, L30D or YYYY_MM_DD:YYYY_MM_DD");
    const page = list.slice(offset, offset + count);
    return envelope(0, "Success", { total: list.length, count: page.length, offset, users: page.map((u) => ({ user_id: u.id })) });
  });

  // The OA's message quota (Java SDK v3/GetQuotaCSFree: POST /v2.0/oa/quota/message, no body; daopk/zaloapi
  // getOAQuotaMessage types the answer { type, remain, total }). zalo-platform.md says GET: both are answered.
  const quota = async (req: FastifyRequest) => {
    const refused = await gate(req);
    if (refused) return refused;
    return envelope(0, "Success", { type: "sub_quota", remain: world.faults.proactiveQuota, total: world.quotaTotal });
  };
  app.post("/sandbox/openapi/v2.0/oa/quota/message", { schema: { hide: true } }, quota);
  // One person's quota (daopk/zaloapi getMessageQuota: POST /v3.0/oa/quota/message {user_id} → last_interaction in
  // milliseconds, cs_reply {remain, total} free replies of the window, promotion limits).
  app.post("/sandbox/openapi/v3.0/oa/quota/message", { schema: { hide: true } }, async (req) => {
    const refused = await gate(req);
    if (refused) return refused;
    const userId = (req.body as { user_id?: unknown } | null)?.user_id;
    const user = typeof userId === "string" ? world.users.get(userId) : undefined;
    if (!user) return envelope(-201, "user_id is invalid");
    const cap = world.faults.freeRepliesPerWindow;
    const inWindow = user.lastInteractionAt !== null && now() - user.lastInteractionAt <= 48 * 3600_000;
    const remain = !inWindow ? 0 : cap === 0 ? 1000 : Math.max(0, cap - user.repliesInWindow);
    return envelope(0, "Success", {
      last_interaction: user.lastInteractionAt === null ? "" : String(user.lastInteractionAt),
      cs_reply: { remain, total: cap === 0 ? 1000 : cap },
      promotion: { daily_remain: 1, daily_total: 1, monthly_remain: 4, monthly_total: 4 },
    });
  });
  app.get("/sandbox/openapi/v2.0/oa/quota/message", { schema: { hide: true } }, quota);

  // Tags (zalo-php-sdk ZaloEndPoint: v2.0/oa/tag/tagfollower, rmfollowerfromtag, gettagsofoa; body {user_id, tag_name}).
  const tagBody = (b: unknown) => {
    const o = (b ?? {}) as Record<string, unknown>;
    return typeof o.user_id === "string" && typeof o.tag_name === "string" && o.tag_name.length > 0 && o.tag_name.length <= 100
      ? { userId: o.user_id, tag: o.tag_name }
      : null;
  };
  const tagRoute = (path: string, change: (user: SandboxUserState, tag: string) => number) =>
    app.post(`/sandbox/openapi/v2.0/oa/tag/${path}`, { schema: { hide: true } }, async (req) => {
      const refused = await gate(req);
      if (refused) return refused;
      const b = tagBody(req.body);
      const user = b ? world.users.get(b.userId) : undefined;
      if (!b || !user) return envelope(-201, "user_id or tag_name is invalid");
      const code = change(user, b.tag);
      world.version++;
      return code === 0 ? envelope(0, "Success") : envelope(code, "The user does not follow the OA");
    });
  tagRoute("tagfollower", (user, tag) => (user.following ? (user.tags.add(tag), 0) : -213));
  tagRoute("rmfollowerfromtag", (user, tag) => (user.tags.delete(tag), 0));
  app.get("/sandbox/openapi/v2.0/oa/tag/gettagsofoa", { schema: { hide: true } }, async (req) => {
    const refused = await gate(req);
    if (refused) return refused;
    return envelope(0, "Success", [...new Set([...world.users.values()].flatMap((u) => [...u.tags]))].sort());
  });
}
