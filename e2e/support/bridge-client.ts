import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

export const bridgeBin = path.resolve(__dirname, "..", "..", "bridge", "bin", "switchboard-mcp.mjs");

/** A throwaway HOME, so a test never reads or writes the real ~/.config/switchboard/mcp.json. */
export function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bridge-home-"));
}

/** Only what the bridge needs: no inherited SWITCHBOARD_* from the developer's shell. */
export function bridgeEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: tempHome(), ...extra };
}

export type BridgeClient = { client: Client; stderr: () => string; close: () => Promise<void> };

/** The official SDK client spawning the bridge over stdio, the way Claude Desktop does. */
export async function spawnBridge(opts: { env: Record<string, string>; args?: string[]; command?: string }): Promise<BridgeClient> {
  const transport = new StdioClientTransport({
    command: opts.command ?? process.execPath,
    args: opts.command ? (opts.args ?? []) : [bridgeBin, ...(opts.args ?? [])],
    env: opts.env,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  const client = new Client({ name: "e2e-desktop", version: "1.0.0" });
  await client.connect(transport).catch((e: Error) => {
    throw Object.assign(new Error(`${e.message}\nbridge stderr:\n${stderr}`), { stderr });
  });
  return { client, stderr: () => stderr, close: () => client.close() };
}
