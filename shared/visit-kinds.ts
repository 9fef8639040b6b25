import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { CONTENT_ROOT } from "./content-loader.js";
import { visitKindSchema, type VisitKind } from "./schemas/team.js";

export const visitKindsSchema = z
  .array(visitKindSchema)
  .min(1)
  .max(30)
  .refine((ks) => new Set(ks.map((k) => k.id)).size === ks.length, "visit kind ids must be unique");

/** The kinds of help a visit records, from shared/content/visit-kinds.yaml (data, not code). */
export function loadVisitKinds(root: string = CONTENT_ROOT): VisitKind[] {
  return visitKindsSchema.parse(parse(readFileSync(join(root, "visit-kinds.yaml"), "utf8")));
}
