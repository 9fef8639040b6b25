import { lessonScript, newsScript, weekScript } from "../../../../shared/lib/bulletin-script.js";
import { vietnamTime, vietnamWeekStart } from "../../../../shared/lib/vietnam-time.js";
import type { BulletinCreate } from "../../../../shared/schemas/bulletin.js";
import type { Clock } from "../../lib/clock.js";
import { badRequest, notFound } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import { campaignFor } from "../campaigns/find-campaign.js";
import type { CourseCatalog } from "../course-catalog.js";
import { answererName } from "../questions/question-view.js";
import { bulletinView } from "./bulletin-view.js";

export interface BulletinDeps {
  repos: Repositories;
  areas: Areas;
  catalog: CourseCatalog;
  clock: Clock;
}

/** The lesson of the week: the core lessons in course order, one a week, round and round. */
export function lessonOfWeek(catalog: CourseCatalog, weekStart: string) {
  const core = catalog.skills.filter((s) => s.core).flatMap((s) => catalog.lessonsOf(s.id));
  if (!core.length) return null;
  const week = Math.floor(Date.parse(`${weekStart}T00:00:00Z`) / (7 * 24 * 3600_000));
  return core[week % core.length]!;
}

/** The week's news of a commune and the lesson of the week, as a script (Monday to Sunday, Vietnam time). */
async function weekSource(deps: BulletinDeps, communeCode: string, weekStart: string) {
  const commune = deps.areas.commune(communeCode);
  if (!commune) throw badRequest("week_needs_commune", "Bản tin tuần được làm cho một xã, phường.");
  const [y, m, d] = weekStart.split("-").map(Number) as [number, number, number];
  const from = vietnamTime(y, m, d).toISOString();
  const to = vietnamTime(y, m, d + 7).toISOString();
  const news = (await deps.repos.bulletins.campaignsSentIn(communeCode, commune.provinceCode, from, to)).map((c) => ({
    title: c.title,
    text: (JSON.parse(c.content) as { text: string }).text,
  }));
  const lesson = lessonOfWeek(deps.catalog, weekStart);
  return { title: `Bản tin tuần ${weekStart.split("-").reverse().join("/")}`, script: weekScript(commune.fullName, news, lesson), ref: weekStart };
}

/**
 * A loudspeaker bulletin, as a draft: from a lesson (its key steps, said twice), a campaign of the area (its news
 * for listening), or the week's news of a commune with the lesson of the week. The official then edits it, gives
 * it a voice, and submits it. Audited.
 */
export async function createBulletin(deps: BulletinDeps, actor: Actor, input: BulletinCreate) {
  if (!deps.areas.commune(input.areaCode) && !deps.areas.province(input.areaCode)) throw badRequest("invalid_area", "Khu vực không có trong danh mục.");
  if (!actorCovers(actor, input.areaCode, deps.areas)) throw forbidden();
  const area = answererName(deps.areas, input.areaCode);
  const now = deps.clock.now().toISOString();
  let made: { title: string; script: string; ref: string; campaignId?: number };
  if (input.source.kind === "lesson") {
    const lesson = deps.catalog.lesson(input.source.lessonId);
    if (!lesson) throw notFound("lesson_not_found", "Không có bài học này.");
    made = { title: lesson.title, script: lessonScript(area, lesson), ref: lesson.id };
  } else if (input.source.kind === "campaign") {
    const c = await campaignFor(deps, actor, input.source.campaignId);
    made = { title: c.title, script: newsScript(area, { title: c.title, text: c.content.text }), ref: String(c.id), campaignId: Number(c.id) };
  } else {
    const week = vietnamWeekStart(deps.clock.now());
    const existing = await deps.repos.bulletins.findWeek(input.areaCode, week);
    if (existing) return { bulletin: bulletinView(deps.areas, existing) };
    made = await weekSource(deps, input.areaCode, week);
  }
  const insert = () =>
    deps.repos.transaction(async (repos) => {
      const newId = await repos.bulletins.add({
        area_code: input.areaCode,
        source_kind: input.source.kind,
        source_ref: made.ref,
        title: made.title,
        script: made.script,
        class: input.class,
        audio_key: null,
        audio_machine: null,
        seconds: null,
        status: "draft",
        created_by: actor.id,
        created_at: now,
        updated_at: now,
        submitted_by: null,
        approved_by: null,
        approved_at: null,
        campaign_id: made.campaignId ?? null,
      });
      await repos.audit.append({
        actor: actor.id,
        action: "bulletin.create",
        target: `bulletin:${newId}`,
        area_code: input.areaCode,
        before_state: null,
        after_state: JSON.stringify({ source: input.source, class: input.class }),
        at: now,
      });
      return newId;
    });
  let id: number;
  try {
    id = await insert();
  } catch (err) {
    // The week's bulletin made at the same moment by another request (one per commune and week): that one.
    const other = input.source.kind === "week" ? await deps.repos.bulletins.findWeek(input.areaCode, made.ref) : undefined;
    if (other) return { bulletin: bulletinView(deps.areas, other) };
    throw err;
  }
  return { bulletin: bulletinView(deps.areas, (await deps.repos.bulletins.findById(id))!) };
}
