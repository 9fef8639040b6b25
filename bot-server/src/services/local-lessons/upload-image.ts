import type { LocalImage } from "../../../../shared/schemas/local-lesson.js";
import type { Clock } from "../../lib/clock.js";
import { badRequest } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import type { ImageStore } from "./image-store.js";
import { imagePath } from "./local-lesson.js";
import { prepareImage } from "./prepare-image.js";

/** A photo for a local lesson of an area the official covers: recompressed, stripped, stored once. Audited. */
export async function uploadImage(
  deps: { repos: Repositories; areas: Areas; clock: Clock; images: ImageStore | null },
  actor: Actor,
  areaCode: string,
  body: Buffer,
): Promise<LocalImage> {
  if (!deps.areas.commune(areaCode) && !deps.areas.province(areaCode)) throw badRequest("invalid_area", "Khu vực không có trong danh mục.");
  if (!actorCovers(actor, areaCode, deps.areas)) throw forbidden();
  const img = await prepareImage(body);
  const now = deps.clock.now().toISOString();
  // In the bucket first: a failure there stores nothing; a file left there by a failure after is named by its hash, harmless.
  if (deps.images) await deps.images.put(img.id, img.data, img.mime);
  await deps.repos.transaction(async (repos) => {
    await repos.localImages.put({
      id: img.id,
      area_code: areaCode,
      mime: img.mime,
      data: deps.images ? null : img.data,
      byte_size: img.data.length,
      width: img.width,
      height: img.height,
      created_by: actor.id,
      created_at: now,
    });
    await repos.audit.append({
      actor: actor.id,
      action: "local_image.upload",
      target: `local_image:${img.id}`,
      area_code: areaCode,
      before_state: null,
      after_state: JSON.stringify({ bytes: img.data.length, width: img.width, height: img.height }),
      at: now,
    });
  });
  return { id: img.id, url: imagePath(img.id), width: img.width, height: img.height, bytes: img.data.length };
}
