/** Vietnam's mainland and islands, with a margin: a point outside is a mistake (swapped or mistyped). */
export const VIETNAM_BOUNDS = { minLat: 6, maxLat: 24, minLng: 102, maxLng: 118 } as const;

export interface Point {
  latitude: number;
  longitude: number;
}

export function inVietnam(p: Point): boolean {
  return (
    p.latitude >= VIETNAM_BOUNDS.minLat && p.latitude <= VIETNAM_BOUNDS.maxLat && p.longitude >= VIETNAM_BOUNDS.minLng && p.longitude <= VIETNAM_BOUNDS.maxLng
  );
}

/** "21.0341, 105.8372" as map apps copy it: latitude first, a dot for decimals; null unless inside Vietnam. */
export function parsePoint(text: string): Point | null {
  const m = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return null;
  const p = { latitude: Number(m[1]), longitude: Number(m[2]) };
  return inVietnam(p) ? p : null;
}
