import { readFileSync } from "node:fs";
import path from "node:path";

/** The credential kinds the README's permission matrix has a column for, in its order. */
export const KINDS = [
  "none",
  "hitl:ask",
  "hitl:answer",
  "replies:write",
  "calls:read",
  "calls:write",
  "admin key",
  "operator",
  "oauth operator",
  "admin",
  "other account",
  "cron secret",
] as const;
export type Kind = (typeof KINDS)[number];
/** ✓ = allowed; 401 / 403 (naming the scope) / 404 (another account's id). */
export type Expected = "ok" | 401 | 403 | 404;

const cell = (raw: string, where: string): Expected => {
  const v = raw.trim();
  if (v === "✓") return "ok";
  if (v === "401" || v === "403" || v === "404") return Number(v) as Expected;
  throw new Error(`README permission matrix: unknown cell "${v}" at ${where}`);
};

/** Parses the table under `### <heading>` in README.md: row name → credential kind → expected outcome. */
export function readMatrix(heading: string): Map<string, Map<Kind, Expected>> {
  const readme = readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");
  const start = readme.indexOf(`\n### ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "### ${heading}" section`);
  const lines = readme.slice(start).split("\n").slice(2);
  const table = lines.slice(lines.findIndex((l) => l.startsWith("|")));
  const end = table.findIndex((l) => !l.startsWith("|"));
  const rows = end < 0 ? table : table.slice(0, end);
  const split = (l: string) =>
    l
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
  const columns = split(rows[0]!).slice(1);
  const unknown = columns.filter((c) => !(KINDS as readonly string[]).includes(c));
  if (unknown.length || columns.length !== KINDS.length)
    throw new Error(`README matrix "${heading}": columns must be ${KINDS.join(", ")}; got ${columns.join(", ")}`);
  const out = new Map<string, Map<Kind, Expected>>();
  for (const line of rows.slice(2)) {
    const [name, ...cells] = split(line);
    const key = name!.replace(/`/g, "").trim();
    if (out.has(key)) throw new Error(`README matrix "${heading}": duplicate row ${key}`);
    out.set(key, new Map(columns.map((c, i) => [c as Kind, cell(cells[i] ?? "", `${key} × ${c}`)])));
  }
  return out;
}
