import { z } from "zod";

/** The word the person types (or the app sends after its confirmation step) to erase their data. */
export const ERASE_CONFIRMATION = "XOA";

/** DELETE /api/v1/me: the body must say { "confirm": "XOA" }; anything else is refused (400) and changes nothing. */
export const eraseRequestSchema = z.object({ confirm: z.string().max(40).optional() }).optional();
export const eraseResponseSchema = z.object({ erased: z.literal(true) });

/** Each section of the export: English keys, and a short Vietnamese explanation of what it is and why it is kept. */
const section = <T extends z.ZodType>(data: T) => z.object({ explanation: z.string(), data });

/**
 * GET /api/v1/me/export: everything stored about the signed-in person (Luật 91/2025/QH15, quyền được cung cấp dữ liệu).
 * Of other people, only what is needed to read it: a team's name, never its other members.
 */
export const myDataExportSchema = z.object({
  format: z.literal("ksc-personal-data/1"),
  exportedAt: z.string(),
  explanation: z.string(),
  learner: section(
    z.object({
      id: z.string(),
      zaloUserId: z.string(),
      name: z.string(),
      oaFollowerId: z.string().nullable(),
      refCode: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
  lessonCompletions: section(z.array(z.object({ lessonId: z.string(), completedAt: z.string(), receivedAt: z.string() }))),
  quizAttempts: section(
    z.array(
      z.object({
        lessonId: z.string(),
        correct: z.number(),
        total: z.number(),
        scorePct: z.number(),
        passed: z.boolean(),
        answers: z.unknown(),
        answeredAt: z.string(),
        receivedAt: z.string(),
      }),
    ),
  ),
  finalAssessments: section(
    z.array(
      z.object({
        skill: z.string(),
        questions: z.unknown(),
        answers: z.unknown(),
        correct: z.number().nullable(),
        total: z.number(),
        passed: z.boolean().nullable(),
        startedAt: z.string(),
        submittedAt: z.string().nullable(),
      }),
    ),
  ),
  handsOnConfirmed: section(
    z.array(
      z.object({ skill: z.string(), task: z.string(), teamId: z.number(), consentVersion: z.string(), consentedAt: z.string(), confirmedAt: z.string() }),
    ),
  ),
  householdLedger: section(
    z.object({
      name: z.string().nullable(),
      household: z.string().nullable(),
      consentVersion: z.string().nullable(),
      outcomes: z.array(z.object({ outcome: z.string(), achievedOn: z.string() })),
    }),
  ),
  certificates: section(
    z.array(
      z.object({
        code: z.string(),
        skill: z.string(),
        name: z.string(),
        communeCode: z.string(),
        issuedAt: z.string(),
        revokedAt: z.string().nullable(),
        revokeReason: z.string().nullable(),
      }),
    ),
  ),
  teamMemberships: section(
    z.array(
      z.object({
        teamId: z.number(),
        teamName: z.string(),
        communeCode: z.string(),
        role: z.string(),
        myRefCode: z.string(),
        joinedAt: z.string(),
        leftAt: z.string().nullable(),
      }),
    ),
  ),
  credit: section(
    z
      .object({
        teamName: z.string(),
        refCode: z.string(),
        throughAMember: z.boolean(),
        consentVersion: z.string(),
        consentText: z.string(),
        consentedAt: z.string(),
      })
      .nullable(),
  ),
  residentsCreditedToMe: section(z.number()),
  visitsRecorded: section(
    z.array(z.object({ id: z.string(), teamName: z.string(), household: z.string(), visitedOn: z.string(), kinds: z.unknown(), createdAt: z.string() })),
  ),
  oaSubscriber: section(
    z
      .object({
        followerId: z.string(),
        displayName: z.string().nullable(),
        following: z.boolean(),
        followedAt: z.string().nullable(),
        unfollowedAt: z.string().nullable(),
        lastInteractionAt: z.string().nullable(),
        consentVersion: z.string().nullable(),
        consentText: z.string().nullable(),
        consentAt: z.string().nullable(),
        provinceCode: z.string().nullable(),
        communeCode: z.string().nullable(),
        topics: z.unknown(),
        newsEnabled: z.boolean(),
        dialogue: z.unknown(),
        createdAt: z.string(),
        updatedAt: z.string(),
      })
      .nullable(),
  ),
  oaEventsReceived: section(z.array(z.object({ eventName: z.string(), receivedAt: z.string(), payload: z.unknown() }))),
  oaMessagesSent: section(
    z.array(
      z.object({ kind: z.string(), purpose: z.string(), message: z.unknown(), status: z.string(), createdAt: z.string(), sentAt: z.string().nullable() }),
    ),
  ),
  newsDeliveries: section(
    z.array(
      z.object({ campaignId: z.number(), title: z.string().nullable(), kind: z.string(), state: z.string(), createdAt: z.string(), updatedAt: z.string() }),
    ),
  ),
  questionsAsked: section(
    z.array(
      z.object({ text: z.string(), askedAt: z.string(), resolvedAt: z.string().nullable(), answer: z.string().nullable(), answeredAt: z.string().nullable() }),
    ),
  ),
  roles: section(z.array(z.object({ role: z.string(), areaCode: z.string(), grantedAt: z.string() }))),
  auditLog: section(z.array(z.object({ action: z.string(), byMe: z.boolean(), areaCode: z.string(), at: z.string() }))),
});
export type MyDataExport = z.infer<typeof myDataExportSchema>;
