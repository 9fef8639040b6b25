import { z } from "zod";
import { sandboxUserSchema } from "../api.js";

/** GET /sandbox/users: who the web preview can play. */
export const sandboxUsersSchema = z.object({ users: z.array(sandboxUserSchema) });

/** POST /sandbox/users/:userId/token: what getAccessToken() gives inside Zalo. */
export const sandboxTokenSchema = z.object({ access_token: z.string(), expires_in: z.number() });

/** POST /sandbox/users/:userId/authorize: each scope asked for, and whether the user agreed. */
export const sandboxConsentSchema = z.record(z.string(), z.boolean());
