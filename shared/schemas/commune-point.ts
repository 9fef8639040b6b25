import { z } from "zod";

export { communeCodeSchema } from "./team.js";

/** Where a commune is; the bounds are Vietnam's, so swapped or mistyped coordinates are refused. */
export const communePointInputSchema = z.strictObject({
  latitude: z.number().min(6, "Vĩ độ ở Việt Nam nằm trong khoảng 6 đến 24.").max(24, "Vĩ độ ở Việt Nam nằm trong khoảng 6 đến 24."),
  longitude: z.number().min(102, "Kinh độ ở Việt Nam nằm trong khoảng 102 đến 118.").max(118, "Kinh độ ở Việt Nam nằm trong khoảng 102 đến 118."),
});
export type CommunePointInput = z.infer<typeof communePointInputSchema>;

export const communePointSchema = z.object({
  communeCode: z.string(),
  communeName: z.string(),
  point: z.object({ latitude: z.number(), longitude: z.number(), source: z.enum(["import", "admin"]), updatedAt: z.string() }).nullable(),
});
export type CommunePointView = z.infer<typeof communePointSchema>;
