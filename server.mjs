#!/usr/bin/env node
/**
 * `npm start`: the built app on a long-running server — Next.js's own request handler (its documented
 * custom-server API) on node:http, so that we choose the listen backlog.
 *
 * Why not `next start`: it listens with Node's default backlog of 511 and offers no setting for it. A burst of
 * callers connecting while the event loop is busy with the ones before them overflows that queue, and the kernel
 * drops their connections before the app ever sees them — the caller hears neither an answer nor "busy" (bench
 * figure 8: with 5,000 `ask_human` calls at once, 1,468 failed to connect, reset or timed out; with a backlog of
 * 4,096, none did). LISTEN_BACKLOG (4096) sets it; Linux caps it at net.core.somaxconn, which we warn about.
 * And it drains on SIGTERM for a bounded time (SHUTDOWN_DRAIN_SECONDS, below).
 *
 * Everything else is Next's: routing, middleware (proxy.ts), instrumentation.ts, `.env` files. On Vercel this file
 * is not used (the platform serves the functions); `npm run dev` stays `next dev`.
 *
 *   node server.mjs [--hostname 127.0.0.1] [--port 3000]      (PORT is read when --port is not given)
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const dir = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Exits with a message naming what was wrong, as the app's own config check does. */
function fail(message) {
  console.error(`switchboard: ${message}`);
  process.exit(1);
}

function wholeNumber(name, raw, fallback, min, max) {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

let args;
try {
  args = parseArgs({
    options: { hostname: { type: "string", short: "H" }, port: { type: "string", short: "p" } },
    strict: true,
  }).values;
} catch (e) {
  fail(`${e.message} (usage: node server.mjs [--hostname HOST] [--port PORT])`);
}

// This serves the production build, whatever the shell exported.
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
// .env files first, so LISTEN_BACKLOG and PORT may live there too (Next would load them only inside prepare()).
const { loadEnvConfig } = require("@next/env");
loadEnvConfig(dir, false, { info: () => {}, error: console.error });

const port = wholeNumber(args.port !== undefined ? "--port" : "PORT", args.port ?? process.env.PORT, 3000, 0, 65535);
const hostname = args.hostname; // unset: every interface, as `next start`
const backlog = wholeNumber("LISTEN_BACKLOG", process.env.LISTEN_BACKLOG, 4096, 1, 65535);
const drainMs = wholeNumber("SHUTDOWN_DRAIN_SECONDS", process.env.SHUTDOWN_DRAIN_SECONDS, 10, 0, 3600) * 1000;

const somaxconn = (() => {
  try {
    return Number(fs.readFileSync("/proc/sys/net/core/somaxconn", "utf8").trim());
  } catch {
    return undefined;
  }
})();
if (somaxconn && somaxconn < backlog)
  console.warn(`switchboard: the kernel caps the listen backlog at ${somaxconn} (net.core.somaxconn), below LISTEN_BACKLOG=${backlog}`);

// As `next start` does before Next starts: the app reads the port it serves on (instrumentation.ts hands the
// embedded database's CLI endpoint and the setup link to it), and Next its own origin.
if (port > 0) {
  process.env.PORT = String(port);
  process.env.__NEXT_PRIVATE_ORIGIN = `http://${hostname && hostname !== "0.0.0.0" && hostname !== "::" ? (hostname.includes(":") ? `[${hostname}]` : hostname) : "localhost"}:${port}`;
}
const next = require("next");
const app = next({ dev: false, dir, hostname: hostname ?? "localhost", port });
try {
  await app.prepare();
} catch (e) {
  // e.g. no build yet: Next says to run `next build` (here: `npm run build`).
  fail(e instanceof Error ? e.message : String(e));
}
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(`Failed to handle request for ${req.url}`, err);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.on("error", (err) => fail(`could not listen on ${hostname ?? "*"}:${port}: ${err.message}`));
server.listen({ port, host: hostname, backlog }, () => {
  const addr = server.address();
  const shown = hostname ?? "localhost";
  console.log(`▲ Switchboard ready on http://${shown.includes(":") ? `[${shown}]` : shown}:${addr.port} (listen backlog ${backlog})`);
});

// On SIGTERM / SIGINT: stop accepting, let requests in flight finish for up to SHUTDOWN_DRAIN_SECONDS (10), then
// close what is still open, close Next and exit 128 + signal. `next start` waits for every open request, so an
// event stream (up to REALTIME_SSE_MAX_SECONDS) or a waiting ask_human keeps it alive until the orchestrator's
// SIGKILL; a cut wait is no loss here — its case stays open and the agent can still read the answer.
let stopping = false;
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const exit = () => process.exit(code);
    server.close(() => app.close().then(exit, exit));
    // Keep-alive sockets with nothing in flight would hold close() open until they time out.
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      // Next's own close should be quick; never let it hold the process.
      setTimeout(exit, 5_000).unref();
    }, drainMs).unref();
  });
}
