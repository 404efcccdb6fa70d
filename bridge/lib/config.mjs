// @ts-check
// Where the bridge finds its server URL and API key: flags, then environment, then a config file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A configuration problem the user must fix; the bin prints it and exits with `exitCode`. */
export class BridgeConfigError extends Error {
  /** @param {string} message @param {number} [exitCode] */
  constructor(message, exitCode = 2) {
    super(message);
    this.name = "BridgeConfigError";
    this.exitCode = exitCode;
  }
}

export const USAGE = `Usage: switchboard-mcp [--url URL] [--key KEY] [--config FILE] [--timeout SECONDS]

A stdio MCP server for desktop clients (Claude Desktop, Cursor) that forwards everything to a
Switchboard server's /api/mcp over Streamable HTTP.

  --url URL          the Switchboard app (https://switchboard.example.com) or its /api/mcp URL
  --key KEY          an API key (sb_…); prefer SWITCHBOARD_API_KEY or the config file: flags show up in ps
  --config FILE      config file (default: $SWITCHBOARD_CONFIG, else ~/.config/switchboard/mcp.json)
  --timeout SECONDS  longest a single request may take (default 120; progress keeps it alive)
  --help, --version

Environment: SWITCHBOARD_URL, SWITCHBOARD_API_KEY, SWITCHBOARD_CONFIG. Config file (JSON):
  { "url": "https://switchboard.example.com", "apiKey": "sb_…" }
Flags win over the environment, the environment over the file. The key is never printed.`;

const FLAGS = { "--url": "url", "--key": "key", "--api-key": "key", "--config": "config", "--timeout": "timeout" };

/** @param {string[]} argv */
export function parseArgs(argv) {
  /** @type {{url?: string, key?: string, config?: string, timeout?: string, help?: boolean, version?: boolean}} */
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    if (arg === "--help" || arg === "-h") out.help = true;
    else if (arg === "--version" || arg === "-v") out.version = true;
    else {
      const eq = arg.indexOf("=");
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      const field = /** @type {Record<string, "url"|"key"|"config"|"timeout">} */ (FLAGS)[name];
      if (!field)
        throw new BridgeConfigError(`Unknown argument "${name.startsWith("--") ? name : "(a value)"}". Run switchboard-mcp --help.`);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "") throw new BridgeConfigError(`${name} needs a value.`);
      out[field] = value;
    }
  }
  return out;
}

/** @param {NodeJS.ProcessEnv} env */
export function defaultConfigPath(env) {
  if (env.SWITCHBOARD_CONFIG) return env.SWITCHBOARD_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), ".config");
  return path.join(base, "switchboard", "mcp.json");
}

/** @param {string} file @param {boolean} required */
function readConfigFile(file, required) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if (!required && /** @type {NodeJS.ErrnoException} */ (e).code === "ENOENT") return {};
    throw new BridgeConfigError(`Cannot read the config file ${file}: ${/** @type {Error} */ (e).message}`);
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BridgeConfigError(`The config file ${file} is not valid JSON (expected {"url": "…", "apiKey": "sb_…"}).`);
  }
  if (!json || typeof json !== "object" || Array.isArray(json))
    throw new BridgeConfigError(`The config file ${file} must hold a JSON object.`);
  const pick = (/** @type {string} */ k) => (typeof json[k] === "string" && json[k] ? json[k] : undefined);
  return {
    url: pick("url"),
    key: pick("apiKey") ?? pick("key"),
    timeout: json.timeoutSeconds === undefined ? undefined : String(json.timeoutSeconds),
  };
}

/** A base URL becomes its /api/mcp endpoint; a full endpoint URL stays as it is. */
export function endpointUrl(/** @type {string} */ raw, /** @type {string} */ source) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new BridgeConfigError(
      `The Switchboard URL from ${source} is not a URL: "${raw}". Expected e.g. https://switchboard.example.com/api/mcp.`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new BridgeConfigError(`The Switchboard URL from ${source} must start with http:// or https://.`);
  if (url.username || url.password)
    throw new BridgeConfigError(`The Switchboard URL from ${source} must not carry credentials; pass the API key separately.`);
  if (url.pathname === "/" || url.pathname === "") url.pathname = "/api/mcp";
  return url;
}

/**
 * Resolves the bridge's settings. Each value says where it came from so error messages can point there
 * without ever echoing the key.
 * @param {string[]} argv @param {NodeJS.ProcessEnv} env
 * @returns {{ help?: boolean, version?: boolean, url: URL, key: string, keySource: string, urlSource: string, timeoutMs: number, configPath: string }}
 */
export function resolveConfig(argv, env) {
  const flags = parseArgs(argv);
  const configPath = flags.config ?? defaultConfigPath(env);
  if (flags.help || flags.version) return /** @type {any} */ ({ help: flags.help, version: flags.version, configPath });
  const file = readConfigFile(configPath, Boolean(flags.config || env.SWITCHBOARD_CONFIG));
  const pick = (/** @type {[string|undefined, string][]} */ options) =>
    options.find(([v]) => v !== undefined && v !== "") ?? [undefined, ""];
  const [rawUrl, urlSource] = pick([
    [flags.url, "--url"],
    [env.SWITCHBOARD_URL, "SWITCHBOARD_URL"],
    [file.url, configPath],
  ]);
  const [key, keySource] = pick([
    [flags.key, "--key"],
    [env.SWITCHBOARD_API_KEY, "SWITCHBOARD_API_KEY"],
    [file.key, configPath],
  ]);
  const [rawTimeout] = pick([
    [flags.timeout, "--timeout"],
    [file.timeout, configPath],
  ]);
  if (!rawUrl) throw new BridgeConfigError(`No Switchboard URL: pass --url, set SWITCHBOARD_URL, or put "url" in ${configPath}.`);
  if (!key)
    throw new BridgeConfigError(
      `No API key: set SWITCHBOARD_API_KEY, put "apiKey" in ${configPath}, or pass --key. Create one in Admin → API keys.`,
    );
  if (/\s/.test(key))
    throw new BridgeConfigError(`The API key from ${keySource} contains whitespace; pass the key alone (sb_…), without "Bearer".`);
  const timeout = rawTimeout === undefined ? 120 : Number(rawTimeout);
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 3600)
    throw new BridgeConfigError("--timeout must be a number of seconds between 1 and 3600.");
  return { url: endpointUrl(rawUrl, urlSource), urlSource, key, keySource, timeoutMs: Math.round(timeout * 1000), configPath };
}
