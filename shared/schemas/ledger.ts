import { z } from "zod";
import { KEBAB_ID } from "../constants/patterns.js";

/** A kind of outcome of the household ledger (shared/content/outcome-kinds.yaml). */
export const outcomeKindSchema = z.strictObject({
  id: z.string().regex(KEBAB_ID).max(40),
  label: z.string().min(1).max(100),
  short: z.string().min(1).max(30),
  retired: z.boolean().optional(),
  /** Having it makes a new digital user in reports. */
  digitalUser: z.boolean().optional(),
  /** Recorded by the system (a certificate), never by a member. */
  automatic: z.boolean().optional(),
});
export type OutcomeKind = z.infer<typeof outcomeKindSchema>;

const outcomeIds = z.array(z.string().regex(KEBAB_ID).max(40)).max(10);

/** A household member without a smartphone, recorded by a tổ member: a name and a household label only. */
export const householdPersonSchema = z.strictObject({
  /** Made by the phone, so that a retried request is recognised. */
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  name: z.string().max(200),
  household: z.string().max(1000),
  /** The member read the consent to the person, who agreed; its version. */
  consentVersion: z.string().min(1).max(20),
  outcomes: outcomeIds,
});
export type HouseholdPersonRequest = z.infer<typeof householdPersonSchema>;

export const outcomesRequestSchema = z.strictObject({ outcomes: outcomeIds.min(1) });
export const mergeRequestSchema = z.strictObject({ code: z.string().max(10) });

export const ledgerPersonSchema = z.object({
  id: z.string(),
  /** Household members: the name as recorded; residents with an account: their name shortened. */
  name: z.string(),
  household: z.string().nullable(),
  /** Whether the person has their own account in the mini app. */
  hasAccount: z.boolean(),
  outcomes: z.array(z.object({ kind: z.string(), achievedOn: z.string() })),
  createdAt: z.string(),
});
export type LedgerPerson = z.infer<typeof ledgerPersonSchema>;
export const ledgerSchema = z.object({ people: z.array(ledgerPersonSchema), kinds: z.array(outcomeKindSchema) });

export const erasedSchema = z.object({ erased: z.literal(true) });

export const adultsRequestSchema = z.strictObject({ adults: z.number().int().min(1).max(5_000_000).nullable() });
export const adultsSchema = z.object({ communeCode: z.string(), adults: z.number().nullable() });
