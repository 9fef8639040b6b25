import type { CertificateRow } from "../../repositories/certificates.js";
import type { Areas } from "../areas.js";
import type { CourseCatalog } from "../course-catalog.js";

/** For all five core skills together. */
export const CORE = "core";

/** "Nguyễn Văn An" → "Nguyễn V. A.": the family name and initials, for the public page and the QR code. */
export function shortName(name: string): string {
  const words = name.normalize("NFC").trim().split(/\s+/).filter(Boolean);
  if (!words.length) return "";
  const [first, ...rest] = words;
  return [first, ...rest.map((w) => `${[...w][0]!.toLocaleUpperCase("vi")}.`)].join(" ");
}

export function skillTitle(catalog: Pick<CourseCatalog, "skills">, skill: string): string {
  return skill === CORE ? "Năm kỹ năng số cơ bản" : (catalog.skills.find((s) => s.id === skill)?.title ?? skill);
}

/** What anyone may see of a certificate: the facts it states, the name shortened, and whether it stands. */
export function publicView(deps: { catalog: Pick<CourseCatalog, "skills">; areas: Areas }, r: CertificateRow) {
  return {
    code: r.code,
    name: shortName(r.name),
    skill: r.skill,
    skillTitle: skillTitle(deps.catalog, r.skill),
    issuedOn: r.issued_at.slice(0, 10),
    commune: deps.areas.commune(r.commune_code)?.fullName ?? r.commune_code,
    team: r.team_name,
    status: r.revoked_at ? ("revoked" as const) : ("valid" as const),
    revokedOn: r.revoked_at ? r.revoked_at.slice(0, 10) : null,
    revokeReason: r.revoke_reason,
    signed: r.signed,
  };
}
export type CertificatePublicView = ReturnType<typeof publicView>;
