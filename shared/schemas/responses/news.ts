import { z } from "zod";

/** POST /api/v1/me/news/:campaignId/read. */
export const newsReadSchema = z.object({ read: z.literal(true) });
