import { z } from "zod";
import { VIETNAM_BOUNDS } from "../lib/geo-point.js";

export { communeCodeSchema } from "./team.js";

/** Where a commune is; the bounds are Vietnam's, so swapped or mistyped coordinates are refused. */
const B = VIETNAM_BOUNDS;
const LAT = `Vĩ độ ở Việt Nam nằm trong khoảng ${B.minLat} đến ${B.maxLat}.`;
const LNG = `Kinh độ ở Việt Nam nằm trong khoảng ${B.minLng} đến ${B.maxLng}.`;
export const communePointInputSchema = z.strictObject({
  latitude: z.number().min(B.minLat, LAT).max(B.maxLat, LAT),
  longitude: z.number().min(B.minLng, LNG).max(B.maxLng, LNG),
});
export type CommunePointInput = z.infer<typeof communePointInputSchema>;

export const communePointSchema = z.object({
  communeCode: z.string(),
  communeName: z.string(),
  point: z.object({ latitude: z.number(), longitude: z.number(), source: z.enum(["import", "admin"]), updatedAt: z.string() }).nullable(),
});
export type CommunePointView = z.infer<typeof communePointSchema>;
