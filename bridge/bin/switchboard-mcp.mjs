#!/usr/bin/env node
// Entry point: see ../lib/main.mjs.
import { main } from "../lib/main.mjs";

main(process.argv.slice(2), process.env).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (e) => {
    process.stderr.write(`switchboard-mcp: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
