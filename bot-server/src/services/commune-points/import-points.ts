import { parse } from "csv-parse/sync";
import { communePointInputSchema } from "../../../../shared/schemas/commune-point.js";
import type { Actor } from "../admin/access.js";
import type { CommunePointDeps } from "./set-point.js";

export interface ImportResult {
  imported: number;
  /** One line per refused row ("line 4: …"); when any, nothing was imported. */
  errors: string[];
}

const HEADERS = ["commune_code", "latitude", "longitude"] as const;

/**
 * The operator's table of where communes are: a CSV with a header `commune_code,latitude,longitude` (other columns,
 * e.g. a name, are ignored), decimal degrees with a dot. All or nothing: one bad row and nothing changes.
 */
export async function importCommunePoints(deps: CommunePointDeps, actor: Actor, csv: string): Promise<ImportResult> {
  let records: Record<string, string>[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ""), {
      columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (err) {
    return { imported: 0, errors: [`not a CSV file: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const first = records[0];
  const missing = first ? HEADERS.filter((h) => !(h in first)) : [...HEADERS];
  if (missing.length) return { imported: 0, errors: [`the header must name ${HEADERS.join(", ")} (missing: ${missing.join(", ")})`] };

  const errors: string[] = [];
  const seen = new Map<string, number>();
  const rows: Array<{ code: string; latitude: number; longitude: number }> = [];
  records.forEach((rec, i) => {
    const line = i + 2;
    const code = rec.commune_code ?? "";
    const commune = deps.areas.commune(code);
    if (!commune) return void errors.push(`line ${line}: "${code.slice(0, 20)}" is not a current commune code`);
    if (seen.has(code)) return void errors.push(`line ${line}: commune ${code} already on line ${seen.get(code)}`);
    seen.set(code, line);
    const num = (v: string | undefined) => (v !== undefined && /^-?\d{1,3}(\.\d+)?$/.test(v) ? Number(v) : NaN);
    const point = communePointInputSchema.safeParse({ latitude: num(rec.latitude), longitude: num(rec.longitude) });
    if (!point.success) return void errors.push(`line ${line}: latitude/longitude must be decimal degrees inside Vietnam (latitude 6–24, longitude 102–118)`);
    rows.push({ code, ...point.data });
  });
  if (errors.length) return { imported: 0, errors };

  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    for (const r of rows)
      await repos.communePoints.set({
        commune_code: r.code,
        latitude: r.latitude,
        longitude: r.longitude,
        source: "import",
        updated_by: actor.id,
        updated_at: now,
      });
    await repos.audit.append({
      actor: actor.id,
      action: "commune_point.import",
      target: "commune_points",
      area_code: "",
      before_state: null,
      after_state: JSON.stringify({ rows: rows.length }),
      at: now,
    });
  });
  return { imported: rows.length, errors: [] };
}
