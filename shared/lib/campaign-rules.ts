/**
 * A campaign over this many communes of a province, or over the whole province, needs a second official's
 * approval: the rule follows how far the news reaches, not how the audience was picked (listing every commune
 * is still the whole province). A commune official only ever reaches one commune.
 */
export const APPROVAL_MIN_COMMUNES = 10;

export function needsSecondApproval(c: { areaCode: string; communes: readonly string[] }): boolean {
  if (c.areaCode.length !== 2) return false;
  return c.communes.length === 0 || new Set(c.communes).size >= APPROVAL_MIN_COMMUNES;
}
