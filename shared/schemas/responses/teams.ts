import { z } from "zod";

/** POST /api/v1/teams/join: the team joined, and my personal ref code in it. */
export const joinedTeamSchema = z.object({ teamId: z.number(), teamName: z.string(), communeName: z.string(), refCode: z.string() });

/** DELETE /api/v1/teams/:teamId/members/:learnerId. */
export const memberRemovedSchema = z.object({ removed: z.literal(true) });
