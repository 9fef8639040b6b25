import type { RepositorySet } from "../../repositories/index.js";
import type { SubscriberRow } from "../../repositories/subscribers.js";
import type { Areas } from "../areas.js";
import { toFaqEntry } from "../questions/area-faq-entry.js";
import type { FaqSearch } from "./faq-search.js";

/** Searches built for the sets of area entries seen lately, by the entries' ids and versions (a few per area). */
const built = new WeakMap<FaqSearch, Map<string, FaqSearch>>();
/** Each search holds the whole Hỏi đáp (about a megabyte, a tenth of a second to build): a few dozen are kept. */
const KEEP = 50;

/**
 * The Hỏi đáp a person's questions are answered from: the shipped one, with the entries officials made for their
 * commune and province and those promoted to everyone. Read from the database on every question (entries change in
 * any process); the search over one set of entries is built once.
 */
export async function faqFor(base: FaqSearch, repos: Pick<RepositorySet, "areaFaq">, areas: Areas, sub: Pick<SubscriberRow, "commune_code" | "province_code">) {
  const codes = [""];
  if (sub.commune_code) codes.push(sub.commune_code);
  if (sub.province_code) codes.push(sub.province_code);
  const rows = await repos.areaFaq.activeFor(codes);
  if (!rows.length) return base;
  const key = rows.map((r) => `${r.id}@${r.updated_at}`).join(",");
  let cache = built.get(base);
  if (!cache) built.set(base, (cache = new Map()));
  let search = cache.get(key);
  if (!search) {
    search = base.withEntries(rows.map((r) => toFaqEntry(areas, r)));
    if (cache.size >= KEEP) cache.delete(cache.keys().next().value!);
    cache.set(key, search);
  }
  return search;
}
