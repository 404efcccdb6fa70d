// @ts-check
// switchboard-mcp: connect to Switchboard first (so a wrong URL or key fails loudly, at once), then serve
// the desktop client on stdio. Everything human-readable goes to stderr; stdout carries only MCP.
import fs from "node:fs";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { BridgeConfigError, USAGE, resolveConfig } from "./config.mjs";
import { createUpstream } from "./upstream.mjs";
import { createRelayServer } from "./forward.mjs";
import { describeError, EXIT } from "./describe-error.mjs";

const pkg = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const say = (/** @type {string} */ msg) => process.stderr.write(`switchboard-mcp: ${msg}\n`);

/** @param {string[]} argv @param {NodeJS.ProcessEnv} env @returns {Promise<number | undefined>} exit code, or undefined while serving */
export async function main(argv, env) {
  let config;
  try {
    config = resolveConfig(argv, env);
  } catch (e) {
    if (e instanceof BridgeConfigError) {
      say(e.message);
      return e.exitCode;
    }
    throw e;
  }
  if (config.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (config.version) {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const cfg = config;
  const explain = (/** @type {unknown} */ e) => describeError(e, cfg).message;
  /** @type {import("@modelcontextprotocol/sdk/server/index.js").Server | undefined} */
  let server;
  const upstream = createUpstream({
    url: cfg.url,
    key: cfg.key,
    clientInfo: { name: "switchboard-mcp", version: pkg.version },
    onNotification: (n) => void server?.notification(n).catch(() => {}),
    log: say,
  });
  try {
    await upstream.connect();
  } catch (e) {
    const { message, exitCode } = describeError(e, cfg);
    say(message);
    return exitCode;
  }
  server = createRelayServer({ upstream, version: pkg.version, timeoutMs: cfg.timeoutMs, explain });
  const transport = new StdioServerTransport();
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await upstream.close().catch(() => {});
    process.exit(0);
  };
  transport.onclose = () => void shutdown();
  process.stdin.on("end", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => void shutdown());
  await server.connect(transport);
  const { version } = upstream.serverInfo();
  say(`connected to ${cfg.url.href} (${version?.name ?? "server"} ${version?.version ?? ""}); serving MCP on stdio`);
  return undefined;
}

export { EXIT };
