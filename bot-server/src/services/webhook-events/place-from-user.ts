import { inVietnam, type Point } from "../../../../shared/lib/geo-point.js";
import type { RepositorySet } from "../../repositories/index.js";
import type { Areas } from "../areas.js";
import { boxAround, locationOf, nearest } from "../commune-points/nearest.js";
import { topicsOf } from "../../../../shared/lib/topics.js";
import { communeChoiceMessage, communeChoices, consentMessage, type CommuneChoices } from "../dialogue/subscribe.js";
import { T } from "../dialogue/texts.js";
import type { AnswerStep } from "./turn.js";

/** Up to three communes near a point, nearest first, with their distance; null when none is within `km`. */
async function nearbyCommunes(repos: RepositorySet, areas: Areas, at: Point, km: number): Promise<CommuneChoices | null> {
  if (!inVietnam(at)) return null;
  const found = nearest(at, await repos.communePoints.within(boxAround(at, km)), km, 3).flatMap((p) => {
    const c = areas.commune(p.commune_code);
    return c ? [{ code: c.code, name: c.name, line: T.communeNearbyLine(c.fullName, p.km) }] : [];
  });
  return found.length ? communeChoiceMessage(T.communeNearby, found, T.communeNearbyOther) : null;
}

/**
 * A shared address (request_user_info) or location (user_send_location): used for the commune only after consent.
 * A location offers the nearest communes whose point is known (commune_points); otherwise the person types the name.
 */
export const placeFromUser: AnswerStep = async ({ deps, repos, ev, sub, ctx }) => {
  if (!sub.consent_at) return { sub, result: { replies: [consentMessage()], patch: { dialogue: JSON.stringify({ mode: "consent", then: "subscribe" }) } } };
  // Someone who shares where they are without having picked topics yet gets all of them, as "Tất cả chủ đề" would.
  const topics = sub.topics.length ? sub.topics : topicsOf(ctx.catalog.skills).map((t) => t.id);
  const commune = (candidates: string[]) => JSON.stringify({ mode: "commune", topics, candidates });
  let choices: CommuneChoices | null = null;
  if (ev.event_name === "user_send_location") {
    const at = locationOf(ev.message);
    if (at) choices = await nearbyCommunes(repos, ctx.areas, at, deps.nearestCommuneKm ?? 15);
  } else {
    const info = ev.info ?? {};
    const query = [info.ward, info.city].filter(Boolean).join(" ");
    choices = query ? communeChoices(ctx.areas, query) : null;
  }
  if (!choices) return { sub, result: { replies: [{ text: T.communeTypeName }], patch: { dialogue: commune([]) } } };
  return { sub, result: { replies: [choices.message], patch: { dialogue: commune(choices.codes) } } };
};
