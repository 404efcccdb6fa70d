import { stemmer } from "stemmer";
import { DAYS, NEGATIONS, NUMBER_WORDS, STOP_WORDS, SYNONYM_GROUPS } from "@/lib/domains/memory/lexicon";

/**
 * What a word means to the matcher. `day`, `number` and `entity` words name *which* thing is asked about
 * ("Sunday", "9 holes", "Elm Street"): two questions that differ in one of them are different questions.
 */
export type TermKind = "content" | "day" | "number" | "entity" | "negation";
export type Term = { key: string; kind: TermKind; word: string };

const canonical = new Map<string, string>();
for (const group of SYNONYM_GROUPS) for (const w of group) canonical.set(stemmer(w), stemmer(group[0]!));

const NUMBER_RE = /^\d+(?:[.:]\d+)?$/;

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
  for (const sentence of text.split(/[.?!]\s+/)) {
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
  const stem = stemmer(word);
  const key = canonical.get(stem) ?? stem;
  return { key, kind: entities.has(word) ? "entity" : "content", word };
}

/** The terms of a question, in order, duplicates removed (first occurrence wins). */
export function termsOf(text: string): Term[] {
  const expanded = joinTimes(expandContractions(text.normalize("NFKC")));
  const entities = capitalisedWords(expanded);
  const words = expanded
    .toLowerCase()
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

/** Every word that stands for one of these terms (a synonym group's words too), for the full-text query. */
export function searchWords(terms: Term[]): string[] {
  const words = new Set<string>();
  for (const t of terms) {
    if (t.kind === "negation") continue;
    if (/^[\p{L}\p{N}]+$/u.test(t.word)) words.add(t.word);
    const group = SYNONYM_GROUPS.find((g) => stemmer(g[0]!) === t.key);
    for (const w of group ?? []) if (/^[a-z]+$/.test(w)) words.add(w);
  }
  return [...words].slice(0, 40);
}
