import { visibleAreaCodes, type Actor } from "../admin/access.js";
import { bulletinView } from "./bulletin-view.js";
import { createBulletin, type BulletinDeps } from "./create-bulletin.js";

/**
 * The bulletins of my area, newest first. For a commune official, this week's bulletin of their commune is
 * assembled the first time they look (the week's news and the lesson of the week), as a draft for them to check.
 */
export async function listBulletins(deps: BulletinDeps, actor: Actor, limit: number) {
  for (const r of actor.roles)
    if (r.role === "commune_official") await createBulletin(deps, actor, { areaCode: r.area_code, source: { kind: "week" }, class: "thuong" });
  const rows = await deps.repos.bulletins.list(visibleAreaCodes(actor, deps.areas), limit);
  return { bulletins: rows.map((r) => bulletinView(deps.areas, r)) };
}
