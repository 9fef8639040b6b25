import { z } from "zod";

/** POST /webhooks/zalo: the event is stored (or was already: a retry by Zalo). */
export const webhookAckSchema = z.object({ received: z.boolean(), duplicate: z.boolean() });
