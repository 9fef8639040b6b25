import { z } from "zod";

/** A certificate's code: 12 characters of Crockford's base 32. */
export const CERTIFICATE_CODE = /^[0-9A-HJKMNP-TV-Z]{12}$/;

export const certificateViewSchema = z.object({
  code: z.string(),
  /** Shortened for privacy: the family name and initials. */
  name: z.string(),
  skill: z.string(),
  skillTitle: z.string(),
  issuedOn: z.string(),
  commune: z.string(),
  team: z.string().nullable(),
  status: z.enum(["valid", "revoked"]),
  revokedOn: z.string().nullable(),
  revokeReason: z.string().nullable(),
  /** The signed text of the QR code: verifiable with the published keys alone. */
  signed: z.string(),
});
export type CertificateView = z.infer<typeof certificateViewSchema>;

export const certificateKeysSchema = z.object({
  keys: z.array(z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string(), kid: z.string(), alg: z.literal("EdDSA"), use: z.literal("sig") })),
});

export const certificateRevokeSchema = z.strictObject({ reason: z.string().trim().min(5).max(500) });
export const certificateRevokedSchema = z.object({ code: z.string(), status: z.literal("revoked") });

/** A certificate as officials of its area list it: the holder's name in full, to find the one to revoke. */
export const adminCertificateSchema = certificateViewSchema.omit({ signed: true }).extend({ fullName: z.string(), communeCode: z.string() });
export const adminCertificatesSchema = z.object({ certificates: z.array(adminCertificateSchema) });
export type AdminCertificate = z.infer<typeof adminCertificateSchema>;
