import { topicsOf } from "../../../../shared/lib/topics.js";
import type { CampaignDraft } from "../../../../shared/schemas/campaign.js";
import type { Clock } from "../../lib/clock.js";
import { badRequest } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import type { CourseCatalog } from "../course-catalog.js";

export interface CampaignDeps {
  repos: Repositories;
  areas: Areas;
  catalog: CourseCatalog;
  clock: Clock;
}

/** What a draft must satisfy beyond its schema: a real area the official covers, communes inside it, known topics and lessons. */
export function checkCampaign(deps: Omit<CampaignDeps, "repos" | "clock">, actor: Actor, c: CampaignDraft): void {
  const province = c.areaCode.length === 2 ? deps.areas.province(c.areaCode) : undefined;
  const commune = c.areaCode.length === 5 ? deps.areas.commune(c.areaCode) : undefined;
  if (!province && !commune) throw badRequest("invalid_area", `Mã khu vực "${c.areaCode}" không phải tỉnh/thành hay xã/phường hiện hành.`);
  if (!actorCovers(actor, c.areaCode, deps.areas)) throw forbidden("Bạn không thể gửi tin cho khu vực này.");
  for (const code of c.communes) {
    const x = deps.areas.commune(code);
    if (!x || (province ? x.provinceCode !== province.code : code !== c.areaCode)) {
      throw badRequest("commune_outside_area", `Xã/phường "${code}" không thuộc khu vực đã chọn.`);
    }
  }
  const topics = new Set(topicsOf(deps.catalog.skills).map((t) => t.id));
  for (const t of c.topics) if (!topics.has(t)) throw badRequest("unknown_topic", `Không có chủ đề "${t}".`);
  for (const b of c.buttons) if ("lessonId" in b && !deps.catalog.lesson(b.lessonId)) throw badRequest("lesson_not_found", `Không có bài học "${b.lessonId}".`);
}

/** Stores a draft campaign (nothing is sent yet); the creation is written to the audit log with it. */
export async function createCampaign(deps: CampaignDeps, actor: Actor, c: CampaignDraft): Promise<number> {
  checkCampaign(deps, actor, c);
  const now = deps.clock.now().toISOString();
  return deps.repos.transaction(async (repos) => {
    const id = await repos.campaigns.insert({
      title: c.title,
      content: JSON.stringify({ text: c.text, imageUrl: c.imageUrl ?? null, buttons: c.buttons }),
      area_code: c.areaCode,
      communes: JSON.stringify(c.communes),
      topics: JSON.stringify(c.topics),
      allow_paid: c.allowPaid ? 1 : 0,
      budget_vnd: c.budgetVnd,
      use_promotion: c.usePromotion ? 1 : 0,
      status: "draft",
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    });
    await repos.audit.append({
      actor: actor.id,
      action: "campaign.create",
      target: `campaign:${id}`,
      area_code: c.areaCode,
      before_state: null,
      after_state: JSON.stringify(c),
      at: now,
    });
    return id;
  });
}
