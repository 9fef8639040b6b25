import { scriptProblems } from "../../../../shared/lib/bulletin-script.js";
import type { BulletinView } from "../../../../shared/schemas/bulletin.js";
import { notFound } from "../../lib/errors.js";
import type { BulletinRow } from "../../repositories/bulletins.js";
import type { Repositories } from "../../repositories/index.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import { answererName } from "../questions/question-view.js";

export function bulletinView(areas: Areas, r: BulletinRow): BulletinView {
  return {
    id: Number(r.id),
    areaCode: r.area_code,
    areaName: answererName(areas, r.area_code),
    source: { kind: r.source_kind, ref: r.source_ref },
    title: r.title,
    script: r.script,
    class: r.class,
    problems: scriptProblems(r.script),
    audio:
      r.audio_key && r.seconds !== null
        ? { machine: Number(r.audio_machine) === 1, seconds: Number(r.seconds), mp3: `/api/v1/admin/bulletins/${r.id}/audio.mp3` }
        : null,
    status: r.status,
    createdBy: r.created_by,
    approvedBy: r.approved_by,
    updatedAt: r.updated_at,
  };
}

/** A bulletin the actor may see: 404 when there is none, 403 when it is of another area. */
export async function bulletinFor(deps: { repos: Repositories; areas: Areas }, actor: Actor, id: number): Promise<BulletinRow> {
  const row = await deps.repos.bulletins.findById(id);
  if (!row) throw notFound("bulletin_not_found", "Không có bản tin này.");
  if (!actorCovers(actor, row.area_code, deps.areas)) throw forbidden("Bản tin này thuộc khu vực khác.");
  return row;
}
