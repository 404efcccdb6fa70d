import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUDGET_ROUTES, EXCLUDED_PACKAGES, hasSourceMaps, measureRoute, ROUTE_BUDGETS } from "../scripts/route-bundles";

// The build the e2e suite made (e2e/support/global-setup.ts builds before any test file runs).
const nextDir = path.resolve(__dirname, "..", ".next");

/**
 * What a cold start loads: every route used to load every adapter's vendor SDK (1.7–2.2 MB) because one module
 * imported them all. The composition root now builds adapters on first use and each adapter imports its SDK
 * when it first runs, so these routes load none unless the deployment configures that vendor. /api/health and
 * /api/cases stay within 700 KiB; /api/mcp has its own budget (scripts/route-bundles.ts says why). The app build
 * also swaps the MCP SDK's ajv for its cf-worker validator and keeps English only of zod's locales (next.config.ts).
 */
describe("route bundles (production build)", () => {
  it.each(BUDGET_ROUTES)("/%s loads no vendor SDK up front and stays within its budget of server chunks", (route) => {
    const bundle = measureRoute(nextDir, route);
    // Without source maps no package could be named, and the vendor check below would pass by saying nothing.
    expect(hasSourceMaps(nextDir, bundle)).toBe(true);
    expect(bundle.vendors).toEqual([]);
    expect(bundle.bytes).toBeLessThanOrEqual(ROUTE_BUDGETS[route]);
    expect(bundle.packages).toContain("zod");
    expect(bundle.packages.filter((p) => (EXCLUDED_PACKAGES as readonly string[]).includes(p))).toEqual([]);
    expect(bundle.foreignLocales).toEqual([]);
  });
});
