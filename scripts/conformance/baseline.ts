/**
 * Expected failures: the suite's own baseline format (a `server:` list of scenario names), with the reason for
 * each entry in the comment lines right above it (or after it on the same line). An entry without a reason is
 * refused, so nothing lands in the list unexplained.
 */
import fs from "node:fs";
import path from "node:path";

export function loadBaseline(file: string, root: string): Map<string, string> {
  const where = path.relative(root, file);
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
  const entries = new Map<string, string>();
  let section: string | null = null;
  let pending: string[] = [];
  for (const line of lines) {
    if (/^\S/.test(line)) {
      const m = /^([A-Za-z]+):\s*(\[\s*\])?\s*(#.*)?$/.exec(line);
      section = m ? m[1]! : line.startsWith("#") ? section : null;
      pending = [];
      if (!m && !line.startsWith("#")) throw new Error(`${where}: cannot read line "${line}"`);
      continue;
    }
    const comment = /^\s+#\s?(.*)$/.exec(line);
    if (comment) {
      pending.push(comment[1]!.trim());
      continue;
    }
    const entry = /^\s+-\s+([A-Za-z0-9_./-]+)\s*(?:#\s?(.*))?$/.exec(line);
    if (entry) {
      if (section === "server") entries.set(entry[1]!, [...pending, entry[2] ?? ""].filter(Boolean).join(" ").trim());
      pending = [];
      continue;
    }
    if (line.trim() === "") {
      pending = [];
      continue;
    }
    throw new Error(`${where}: cannot read line "${line}"`);
  }
  const missing = [...entries].filter(([, reason]) => !reason).map(([name]) => name);
  if (missing.length) throw new Error(`${where}: give a reason (a comment above the entry) for ${missing.join(", ")}`);
  return entries;
}
