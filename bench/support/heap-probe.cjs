// Loaded into the app server by bench/run.ts (NODE_OPTIONS="--expose-gc --require bench/heap-probe.cjs"), never by
// the app itself. On SIGUSR2 it collects garbage and appends the process's memory figures to BENCH_HEAP_FILE, so
// the bench can tell memory that is still referenced (a leak) from garbage V8 has not collected yet.
"use strict";
const fs = require("node:fs");

const file = process.env.BENCH_HEAP_FILE;
if (file) {
  // Tell the bench this process has the probe (only then is SIGUSR2 safe to send: its default action is to exit).
  fs.appendFileSync(file, `${JSON.stringify({ ready: true, pid: process.pid })}\n`);
  process.on("SIGUSR2", () => {
    const gc = typeof globalThis.gc === "function" ? globalThis.gc : null;
    const t = Date.now();
    if (gc) {
      gc();
      gc();
    }
    const m = process.memoryUsage();
    fs.appendFileSync(file, `${JSON.stringify({ at: t, gcMs: Date.now() - t, gc: !!gc, ...m })}\n`);
  });
}
