/**
 * What a route loads on its first request, read from a production build (`next build`): the route's entry
 * `.next/server/app/<route>/route.js`, the Turbopack runtime and every chunk the entry requires up front
 * (`R.c("…")`). Chunks behind an `await import()` load only when that code runs, so they are not counted.
 * Each chunk's source map names the packages inside it, which is how a vendor SDK is found.
 *
 *   npx tsx scripts/route-bundles.ts            prints the table; exit 1 when a route misses the budget
 *
 * e2e/route-bundles.e2e.test.ts runs the same check on the build the e2e suite makes.
 */
import fs from "node:fs";
import path from "node:path";

/** The routes every cold start pays for: a health probe, the REST API, the MCP endpoint. */
export const BUDGET_ROUTES = ["api/health", "api/cases", "api/mcp"] as const;
export const BUDGET_BYTES = 700 * 1024;
/**
 * What each route may load up front. /api/mcp cannot meet 700 KiB while it bundles what it needs to answer: the
 * MCP server SDK (238 KiB, with its cf-worker JSON Schema validator in place of ajv: lib/transports/mcp/sdk-shims.ts)
 * and zod (194 KiB once the app build keeps English only of its locales: scripts/build/zod-english-only-loader.cjs)
 * come to 432 KiB before any of our code, Next's runtime (123 KiB) and drizzle (41 KiB). Measured at 856 KiB;
 * its budget holds it there, so nothing grows back. Lower needs a smaller SDK or `zod/mini` throughout, SDK included.
 */
export const ROUTE_BUDGETS: Record<(typeof BUDGET_ROUTES)[number], number> = {
  "api/health": BUDGET_BYTES,
  "api/cases": BUDGET_BYTES,
  "api/mcp": 860 * 1024,
};
/** Packages the app build keeps out of every route: the SDK's ajv (replaced by its cf-worker validator). */
export const EXCLUDED_PACKAGES = ["ajv", "ajv-formats"] as const;
/** zod locales other than English (the app build keeps English only). */
export const isForeignZodLocale = (source: string) =>
  /node_modules\/zod\/v4\/locales\/(?!en\.js)[^/]+\.js$/.test(decodeURIComponent(source));

/** Vendor SDKs that load only when configured (Google Sheets, Supabase, Pusher's server SDK, Upstash). */
export const VENDOR_PACKAGES = ["@googleapis/", "@supabase/", "pusher", "@upstash/"] as const;

export type RouteBundle = {
  route: string;
  bytes: number;
  chunks: { file: string; bytes: number }[];
  /** Vendor packages (VENDOR_PACKAGES) found in the chunks, by the source maps' file names. */
  vendors: string[];
  /** Every package found in the chunks, by the same source maps. */
  packages: string[];
  /** zod locale files other than English found in the chunks. */
  foreignLocales: string[];
};

const packageOf = (source: string): string | null => {
  const m = decodeURIComponent(source).match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
  if (!m) return null;
  const last = m[m.length - 1]!;
  return last.slice("node_modules/".length, -1);
};

const isVendor = (pkg: string) => VENDOR_PACKAGES.some((v) => (v.endsWith("/") ? pkg.startsWith(v) : pkg === v));

function sourcesOf(mapFile: string): string[] {
  if (!fs.existsSync(mapFile)) return [];
  const map = JSON.parse(fs.readFileSync(mapFile, "utf8")) as { sources?: string[]; sections?: { map: { sources?: string[] } }[] };
  return map.sections ? map.sections.flatMap((s) => s.map.sources ?? []) : (map.sources ?? []);
}

/** The entry, the runtime and the chunks `route` requires before its first request runs. */
export function measureRoute(nextDir: string, route: string): RouteBundle {
  const entry = path.join(nextDir, "server", "app", route, "route.js");
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`next build\` first`);
  const text = fs.readFileSync(entry, "utf8");
  const files = [path.relative(nextDir, entry)];
  const runtime = text.match(/require\("([^"]*\[turbopack\]_runtime\.js)"\)/)?.[1];
  if (runtime) files.push(path.relative(nextDir, path.resolve(path.dirname(entry), runtime)));
  for (const m of text.matchAll(/R\.c\("([^"]+)"\)/g)) files.push(m[1]!);
  const chunks = files.map((file) => ({ file, bytes: fs.statSync(path.join(nextDir, file)).size }));
  const packages = new Set<string>();
  const foreignLocales = new Set<string>();
  for (const { file } of chunks)
    for (const source of sourcesOf(path.join(nextDir, `${file}.map`))) {
      const pkg = packageOf(source);
      if (pkg) packages.add(pkg);
      if (isForeignZodLocale(source)) foreignLocales.add(source);
    }
  const vendors = [...packages].filter(isVendor).sort();
  return {
    route,
    bytes: chunks.reduce((n, c) => n + c.bytes, 0),
    chunks,
    vendors,
    packages: [...packages].sort(),
    foreignLocales: [...foreignLocales].sort(),
  };
}

/** Whether the build has source maps to name packages by (without them no vendor can be found). */
export const hasSourceMaps = (nextDir: string, bundle: RouteBundle) =>
  bundle.chunks.some((c) => c.file.includes("chunks") && fs.existsSync(path.join(nextDir, `${c.file}.map`)));

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

function main() {
  const nextDir = path.resolve(process.argv[2] ?? ".next");
  let ok = true;
  for (const route of BUDGET_ROUTES) {
    const b = measureRoute(nextDir, route);
    const budget = ROUTE_BUDGETS[route];
    const over = b.bytes > budget;
    const excluded = b.packages.filter((p) => (EXCLUDED_PACKAGES as readonly string[]).includes(p));
    if (over || b.vendors.length || excluded.length || b.foreignLocales.length) ok = false;
    const goal = b.bytes > BUDGET_BYTES ? `, over the ${kib(BUDGET_BYTES)} goal` : "";
    console.log(
      `/${route}: ${kib(b.bytes)} in ${b.chunks.length} files (budget ${kib(budget)}${over ? ": OVER" : ""}${goal}); vendors: ${b.vendors.join(", ") || "none"}${excluded.length ? `; UNEXPECTED: ${excluded.join(", ")}` : ""}${b.foreignLocales.length ? `; ${b.foreignLocales.length} zod locales besides English` : ""}`,
    );
    if (process.env.VERBOSE)
      for (const c of [...b.chunks].sort((x, y) => y.bytes - x.bytes)) console.log(`  ${kib(c.bytes).padStart(9)}  ${c.file}`);
  }
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
