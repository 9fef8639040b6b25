import type { Point } from "../../../../shared/lib/geo-point.js";
import type { Box } from "../../repositories/commune-points.js";

const EARTH_KM = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance (haversine); a few metres off at this scale, which is far below a commune's size. */
export function distanceKm(a: Point, b: Point): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box that holds every point within `km` of `p` (the index's coarse cut). */
export function boxAround(p: Point, km: number): Box {
  const dLat = km / 111.0;
  const dLng = km / (111.32 * Math.max(0.01, Math.cos(rad(p.latitude))));
  return { minLat: p.latitude - dLat, maxLat: p.latitude + dLat, minLng: p.longitude - dLng, maxLng: p.longitude + dLng };
}

/** The points within `km`, nearest first, at most `limit`. */
export function nearest<T extends Point>(from: Point, points: T[], km: number, limit: number): Array<T & { km: number }> {
  return points
    .map((p) => ({ ...p, km: distanceKm(from, p) }))
    .filter((p) => p.km <= km)
    .sort((a, b) => a.km - b.km)
    .slice(0, limit);
}

/** A number from Zalo's payload, which sends coordinates as strings ("21.0341") in some integrations. */
function num(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && /^\s*-?\d{1,3}(\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

/**
 * The coordinates of a user_send_location event: message.attachments[].payload.coordinates, as
 * {latitude, longitude} (zalo-platform.md; trungndpc/CorporateServer's UserSendMessageEvent, strings) or
 * {lat, long} (seen in other integrations' typings). Null when there is none, or it is not a point on Earth.
 */
export function locationOf(message: unknown): Point | null {
  const attachments = (message as { attachments?: unknown } | undefined)?.attachments;
  if (!Array.isArray(attachments)) return null;
  for (const a of attachments) {
    const c = (a as { payload?: { coordinates?: Record<string, unknown> } } | null)?.payload?.coordinates;
    if (!c || typeof c !== "object") continue;
    const latitude = num(c.latitude ?? c.lat);
    const longitude = num(c.longitude ?? c.long ?? c.lng);
    if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) continue;
    return { latitude, longitude };
  }
  return null;
}
