import { stemmer } from "stemmer";
import { DAYS, GENERIC_WORDS, NEGATIONS, NUMBER_WORDS, STOP_WORDS, SYNONYM_GROUPS } from "@/lib/domains/memory/lexicon";

/**
 * What a word means to the matcher. `day`, `number` and `entity` words name *which* thing is asked about
 * ("Sunday", "9 holes", "Elm Street"): two questions that differ in one of them are different questions.
 */
export type TermKind = "content" | "generic" | "day" | "number" | "entity" | "negation";
export type Term = { key: string; kind: TermKind; word: string };

const canonical = new Map<string, string>();
for (const group of SYNONYM_GROUPS) for (const w of group) canonical.set(stemmer(w), stemmer(group[0]!));

const NUMBER_RE = /^\d+(?:[.:]\d+)?$/;
const keyOf = (word: string) => {
  const stem = stemmer(word);
  return canonical.get(stem) ?? stem;
};
const generic = new Set(GENERIC_WORDS.map(keyOf));

/** "don't" → "do not", "what's" → "what": contractions spelled out before splitting into words. */
function expandContractions(text: string): string {
  return text
    .replace(/[’‘`]/g, "'")
    .replace(/\bcan't\b/gi, "can not")
    .replace(/\bwon't\b/gi, "will not")
    .replace(/n't\b/gi, " not")
    .replace(/'(s|re|ll|d|ve|m)\b/gi, "");
}

/** Times as one token: "7pm", "7 pm", "7:30 p.m." → "19", "19:30"; "7am" → "7". */
function joinTimes(text: string): string {
  return text.replace(/\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?/gi, (_m, h: string, min: string | undefined, ap: string) => {
    let hour = Number(h) % 12;
    if (ap.toLowerCase() === "p") hour += 12;
    return ` ${hour}${min && min !== "00" ? `:${min}` : ""} `;
  });
}

/** Words written with a capital inside a sentence (not after . ? !, not "I"): names of places, people, brands. */
function capitalisedWords(text: string): Set<string> {
  const out = new Set<string>();
  // "Dr. Lee", "St. Mary's": a title's full stop does not end the sentence.
  const joined = text.replace(/\b(Dr|Mr|Mrs|Ms|St|Mt|Ave|Prof)\.\s+/g, "$1 ");
  for (const sentence of joined.split(/[.?!]\s+/)) {
    const words = sentence.match(/[A-Za-z][A-Za-z'-]*/g) ?? [];
    words.forEach((w, i) => {
      if (i > 0 && /^[A-Z]/.test(w) && w !== "I" && !DAYS[w.toLowerCase()]) out.add(w.toLowerCase());
    });
  }
  return out;
}

/** One word → its term, or null for filler. */
function termOf(word: string, entities: Set<string>): Term | null {
  if (NEGATIONS.has(word)) return { key: "not", kind: "negation", word };
  if (DAYS[word]) return { key: DAYS[word]!, kind: "day", word };
  if (NUMBER_WORDS[word]) return { key: NUMBER_WORDS[word]!, kind: "number", word };
  if (NUMBER_RE.test(word)) return { key: String(Number(word.replace(":", ".")) || word), kind: "number", word };
  if (STOP_WORDS.has(word) || word.length < 2) return null;
  const key = keyOf(word);
  return { key, kind: entities.has(word) ? "entity" : generic.has(key) ? "generic" : "content", word };
}

/** The terms of a question, in order, duplicates removed (first occurrence wins). */
export function termsOf(text: string): Term[] {
  const expanded = joinTimes(expandContractions(text.normalize("NFKC")));
  const entities = capitalisedWords(expanded);
  const words = expanded
    .toLowerCase()
    // "walk-in", "wi-fi", "x-ray", "e-mail" are one word; "gluten-free" is two.
    .replace(/\b(walk|wi|x|e|check|drop)-(ins?|fi|rays?|mail|off)\b/g, "$1$2")
    .replace(/(\p{L})-(\p{L})/gu, "$1 $2")
    .match(/[\p{L}\p{N}]+(?:[.:]\d+)?/gu);
  const seen = new Set<string>();
  const terms: Term[] = [];
  for (const w of words ?? []) {
    const t = termOf(w, entities);
    if (!t || seen.has(`${t.kind}:${t.key}`)) continue;
    seen.add(`${t.kind}:${t.key}`);
    terms.push(t);
  }
  return terms;
}

/**
 * The full-text search groups of a question: one group per specific term (day, number, name, content
 * word), holding the words that stand for it (its synonyms too). Generic words ("open", "book", "price")
 * are left out when a specific one exists: they match a large share of any account's answers, and ranking
 * all of those is what makes a search slow (`withGeneric` keeps them, to narrow an AND). At most `max` groups.
 */
export function searchGroups(terms: Term[], opts: { max?: number; withGeneric?: boolean } = {}): string[][] {
  const max = opts.max ?? 5;
  const specific = !opts.withGeneric && terms.some((t) => t.kind !== "generic" && t.kind !== "negation");
  const groups: string[][] = [];
  for (const t of terms) {
    if (t.kind === "negation" || (specific && t.kind === "generic")) continue;
    const words = new Set<string>();
    if (/^[\p{L}\p{N}]+$/u.test(t.word)) words.add(t.word);
    const group = SYNONYM_GROUPS.find((g) => stemmer(g[0]!) === t.key);
    for (const w of group ?? []) if (/^[a-z]+$/.test(w)) words.add(w);
    if (words.size) groups.push([...words]);
    if (groups.length === max) break;
  }
  return groups;
}
