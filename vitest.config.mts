import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

/**
 * With DATABASE_URL set the integration tests run on PostgreSQL. The money and concurrency tests (calls,
 * credits, call sync, HITL answers, golf bookings) then run a second time on the embedded PGlite, so both databases the
 * product ships with are covered in one `npm test`. Without DATABASE_URL the integration project is PGlite.
 */
const bothDatabases = process.env.DATABASE_URL
  ? [
      {
        resolve: { alias },
        test: {
          name: "integration-pglite",
          include: [
            "tests/calls/**/*.test.ts",
            "tests/hitl/post-message.test.ts",
            "tests/hitl/claim-case.test.ts",
            "tests/hitl/case-choices.test.ts",
            "tests/hitl/choices-agents.test.ts",
            "tests/admin/hitl-metrics.test.ts",
            "tests/golf/booking-race.test.ts",
            "tests/memory/embeddings-matcher.test.ts",
          ],
          environment: "node",
          env: { DATABASE_URL: "" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ]
  : [];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      ...bothDatabases,
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          globalSetup: ["e2e/support/global-setup.ts"],
        },
      },
    ],
  },
});
