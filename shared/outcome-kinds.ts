import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { CONTENT_ROOT } from "./content-loader.js";
import { outcomeKindSchema, type OutcomeKind } from "./schemas/ledger.js";

export const outcomeKindsSchema = z
  .array(outcomeKindSchema)
  .min(1)
  .max(20)
  .refine((ks) => new Set(ks.map((k) => k.id)).size === ks.length, "outcome kind ids must be unique");

/** What the household ledger records, from shared/content/outcome-kinds.yaml (data, not code). */
export function loadOutcomeKinds(root: string = CONTENT_ROOT): OutcomeKind[] {
  return outcomeKindsSchema.parse(parse(readFileSync(join(root, "outcome-kinds.yaml"), "utf8")));
}
