import { z } from "zod";

/** GET /api/v1/areas/provinces: the 34 provinces. */
export const provincesSchema = z.object({ provinces: z.array(z.object({ code: z.string(), name: z.string() })) });

/** A commune of the 2025 units; fullName also names its province. */
export const communeSchema = z.object({ code: z.string(), name: z.string(), provinceCode: z.string(), fullName: z.string() });

/** GET /api/v1/areas/communes: the communes matching a name. */
export const communesSchema = z.object({ communes: z.array(communeSchema) });
