import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const vercel = JSON.parse(fs.readFileSync(path.join(root, "vercel.json"), "utf8")) as { crons: Array<{ path: string }> };

/** The README's "Configuration" table: the first column (the concern) → the rest of the row's cells. */
function configurationRows(): Array<[string, string[]]> {
  const section = readme.split(/^## Configuration$/m)[1]!.split(/^## /m)[0]!;
  return section
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|\s*-/.test(l))
    .slice(1) // the header row
    .map((l) => {
      const cells = l
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim());
      return [cells[0]!, cells.slice(1)];
    });
}

describe("README: the configuration table", () => {
  it("names each concern once", () => {
    const concerns = configurationRows().map(([c]) => c);
    expect(concerns.length).toBeGreaterThan(5);
    expect(concerns.filter((c, i) => concerns.indexOf(c) !== i)).toEqual([]);
  });

  it("lists as Vercel Cron jobs exactly the paths vercel.json schedules", () => {
    const rows = configurationRows().filter(([c]) => c === "scheduled jobs");
    expect(rows.length).toBeGreaterThan(0);
    for (const [, cells] of rows) {
      const named = [...cells.join(" ").matchAll(/`(\/api\/cron\/[a-z-]+)`/g)].map((m) => m[1]);
      expect(named.sort()).toEqual(vercel.crons.map((c) => c.path).sort());
    }
  });
});
