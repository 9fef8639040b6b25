import type { Question, QuizOption } from "../schemas/content.js";
import { optionId } from "./option-id.js";

/** A small seeded generator (mulberry32): the same seed gives the same order on every phone and after a reload. */
function generator(seed: string): () => number {
  let s = parseInt(optionId(seed).slice(0, 6), 36) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The order a question's options are shown in, for one attempt (`seed`): shuffled for every kind where the order
 * carries no meaning, so that where an option sits says nothing about whether it is right. True/false keeps Đúng
 * then Sai. An order question never starts out in its answer.
 */
export function displayOrder(q: Question, seed: string): QuizOption[] {
  if (q.kind === "true-false") return q.options;
  const random = generator(`${seed}:${q.id}`);
  const out = [...q.options];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  if (q.kind === "order" && out.length > 1 && out.every((o, i) => o.id === q.options[i]!.id)) [out[0], out[1]] = [out[1]!, out[0]!];
  return out;
}
