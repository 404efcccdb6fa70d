#!/usr/bin/env node
// The `switchboard` CLI: runs cli/run.ts under tsx so it shares lib/ (and its configuration) with the app.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
const result = spawnSync(process.execPath, [tsxCli, path.join(root, "cli", "run.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"), SWITCHBOARD_ROOT: root },
});
process.exit(result.status ?? 1);
