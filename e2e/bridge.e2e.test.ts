import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { api } from "./support/api";
import { freePort } from "./support/app-server";
import { bridgeBin, bridgeEnv, spawnBridge, tempHome, type BridgeClient } from "./support/bridge-client";
import { startSessionProxy } from "./support/session-proxy";

const { baseUrl, a, appEnv } = inject("e2e");
const rest = api(baseUrl);
const structured = (r: unknown) =>
  (r as { structuredContent?: unknown }).structuredContent as { status: string; caseId?: string; answer?: string };
const until = async <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, tries = 200): Promise<T> => {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe("switchboard-mcp (stdio bridge) against the built app", () => {
  let bridge: BridgeClient;
  beforeAll(async () => {
    bridge = await spawnBridge({ env: bridgeEnv({ SWITCHBOARD_URL: baseUrl, SWITCHBOARD_API_KEY: a.agentKey }) });
  });
  afterAll(async () => bridge?.close());

  it("relays the server: tools with schemas, the prompt, resource templates, instructions", async () => {
    const tools = (await bridge.client.listTools()).tools;
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(["ask_human", "get_human_answer", "cancel_human_request"]));
    expect(tools.find((t) => t.name === "ask_human")!.outputSchema).toBeTruthy();
    expect((await bridge.client.listPrompts()).prompts.map((p) => p.name)).toContain("escalation-guide");
    expect((await bridge.client.listResourceTemplates()).resourceTemplates.map((r) => r.uriTemplate)).toContain(
      "switchboard://cases/{caseId}",
    );
    expect(bridge.client.getInstructions()).toMatch(/ask_human/);
    expect(bridge.client.getServerVersion()?.name).toBe("switchboard");
    expect(bridge.stderr()).toContain("serving MCP on stdio");
    expect(bridge.stderr()).not.toContain(a.agentKey.slice(16));
  });

  it("ask_human answered by an operator returns the answer, with the server's progress forwarded", async () => {
    await rest.heartbeat(a.answerKey);
    const question = `Bridge question ${randomUUID()}`;
    const progress: number[] = [];
    const call = bridge.client.callTool({ name: "ask_human", arguments: { question, timeoutSeconds: 30 } }, CallToolResultSchema, {
      onprogress: (p) => void progress.push(p.progress),
      timeout: 60_000,
    });
    const c = await rest.waitForOpenCase(a.answerKey, (x) => x.question === question);
    // Answer only once progress has come through the bridge: proves it is relayed while the call waits.
    await until("a progress notification", () => progress.length > 0);
    expect((await rest.call("POST", `/api/cases/${c.id}/claim`, { key: a.answerKey })).status).toBeLessThan(300);
    expect((await rest.answer(a.answerKey, c.id, "Yes, 9 am to 1 pm on Sundays.")).status).toBe(201);
    const result = await call;
    expect(structured(result)).toMatchObject({ status: "answered", caseId: c.id, answer: "Yes, 9 am to 1 pm on Sundays." });
  });

  it("reads a resource and reports a bad tool input as the server's tool error", async () => {
    const created = structured(
      await bridge.client.callTool({ name: "ask_human", arguments: { question: `resource ${randomUUID()}`, timeoutSeconds: 5 } }),
    );
    const res = await bridge.client.readResource({ uri: `switchboard://cases/${created.caseId}` });
    expect(JSON.stringify(res.contents)).toContain(created.caseId!);
    const bad = await bridge.client.callTool({ name: "ask_human", arguments: { question: "x", priority: 9 } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toMatch(/priority/);
  });
});

describe("switchboard-mcp: cancellation and forgotten sessions (through a session-keeping proxy)", () => {
  let proxy: Awaited<ReturnType<typeof startSessionProxy>>;
  let bridge: BridgeClient;
  beforeAll(async () => {
    proxy = await startSessionProxy(baseUrl);
    bridge = await spawnBridge({ env: bridgeEnv({ SWITCHBOARD_URL: `${proxy.url}/api/mcp`, SWITCHBOARD_API_KEY: a.agentKey }) });
  });
  afterAll(async () => {
    await bridge?.close();
    await proxy?.close();
  });

  it("a cancelled ask_human closes the call on the server: the agent is gone, the case stays open", async () => {
    await rest.heartbeat(a.answerKey);
    const question = `Cancelled through the bridge ${randomUUID()}`;
    const abort = new AbortController();
    const call = bridge.client.callTool({ name: "ask_human", arguments: { question, timeoutSeconds: 50 } }, CallToolResultSchema, {
      signal: abort.signal,
      timeout: 60_000,
    });
    const c = await rest.waitForOpenCase(a.answerKey, (x) => x.question === question);
    abort.abort("the caller hung up");
    await expect(call).rejects.toThrow();
    // On the wire: notifications/cancelled for that request, and the request's own stream closed by the bridge.
    const forwarded = proxy.seen.find((r) => r.rpcMethod === "tools/call" && r.params?.arguments?.question === question)!;
    expect(forwarded).toBeTruthy();
    await until("the cancellation notice", () =>
      proxy.seen.some((r) => r.rpcMethod === "notifications/cancelled" && r.params?.requestId === forwarded.rpcId),
    );
    await until("the call's stream to close", () => forwarded.closedByClient);
    expect((await rest.getCase(a.answerKey, c.id)).json.status).toBe("open");
    if (appEnv.DATABASE_URL) {
      // The server noticed: its wait ended as "disconnected" (agent gone), long before the 50 s timeout.
      const sql = postgres(appEnv.DATABASE_URL, { max: 1, onnotice: () => {} });
      try {
        const outcome = await until(
          "the wait outcome",
          async () => (await sql`select wait_outcome from cases where id = ${c.id}`)[0]?.wait_outcome ?? undefined,
        );
        expect(outcome).toBe("disconnected");
      } finally {
        await sql.end();
      }
    }
  });

  it("re-initialises transparently when the server forgets the session (404 on the session id)", async () => {
    const initsBefore = proxy.seen.filter((r) => r.rpcMethod === "initialize").length;
    expect(initsBefore).toBe(1);
    proxy.forgetSessions();
    const tools = (await bridge.client.listTools()).tools;
    expect(tools.map((t) => t.name)).toContain("ask_human");
    expect(proxy.seen.some((r) => r.status === 404 && r.rpcMethod === "tools/list")).toBe(true);
    expect(proxy.seen.filter((r) => r.rpcMethod === "initialize")).toHaveLength(2);
    expect(bridge.stderr()).toMatch(/forgot our session/);
    // And keeps working on the new session.
    const unknown = await bridge.client.callTool({ name: "get_human_answer", arguments: { caseId: randomUUID() } });
    expect(unknown.isError).toBe(true); // the server's own answer about an unknown case, not a transport failure
    expect(JSON.stringify(unknown.content)).not.toMatch(/Session not found|HTTP 404/);
  });
});

describe("switchboard-mcp: configuration and failures", () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [bridgeBin, ...args], {
      env: bridgeEnv(env) as NodeJS.ProcessEnv,
      encoding: "utf8",
      input: "",
      timeout: 60_000,
    });

  it("a wrong key: a clear message naming where the key came from, exit code 3, and never the key", async () => {
    const wrong = `sb_000000000000_${"x".repeat(43)}`;
    const r = run([], { SWITCHBOARD_URL: baseUrl, SWITCHBOARD_API_KEY: wrong });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/rejected the API key from SWITCHBOARD_API_KEY \(HTTP 401\)/);
    expect(r.stderr + r.stdout).not.toContain("x".repeat(43));
    expect(r.stdout).toBe("");
    // The desktop client sees the server go away rather than hang.
    await expect(spawnBridge({ env: bridgeEnv({ SWITCHBOARD_URL: baseUrl, SWITCHBOARD_API_KEY: wrong }) })).rejects.toThrow(
      /rejected the API key/,
    );
  });

  it("a wrong URL: nothing listening → exit 4; a page that is not /api/mcp → exit 4 naming the URL", async () => {
    const port = await freePort();
    const refused = run(["--url", `http://127.0.0.1:${port}`], { SWITCHBOARD_API_KEY: a.agentKey });
    expect(refused.status).toBe(4);
    expect(refused.stderr).toMatch(
      new RegExp(`Cannot reach Switchboard at http://127.0.0.1:${port}/api/mcp \\(from --url\\): connection refused`),
    );
    const notMcp = run(["--url", `${baseUrl}/api/health`], { SWITCHBOARD_API_KEY: a.agentKey });
    expect(notMcp.status).toBe(4);
    expect(notMcp.stderr).toContain(`${baseUrl}/api/health`);
    expect(notMcp.stderr).toMatch(/not a Switchboard MCP endpoint|did not answer like an MCP server/);
    const missing = run([], { SWITCHBOARD_URL: baseUrl });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/No API key: set SWITCHBOARD_API_KEY/);
  });

  it("config file, environment and flags: flags win, then the environment, then the file", async () => {
    const home = tempHome();
    const file = path.join(home, "mcp.json");
    fs.writeFileSync(file, JSON.stringify({ url: "http://127.0.0.1:1/wrong", apiKey: "sb_000000000000_fromfile" }));
    // The file alone (wrong key) fails; the env key beats it; a flag URL beats a wrong env URL.
    expect(run(["--config", file, "--url", baseUrl], {}).status).toBe(3);
    const b = await spawnBridge({
      env: bridgeEnv({ SWITCHBOARD_CONFIG: file, SWITCHBOARD_URL: "http://127.0.0.1:1/", SWITCHBOARD_API_KEY: a.agentKey }),
      args: ["--url", baseUrl],
    });
    try {
      expect((await b.client.listTools()).tools.length).toBeGreaterThan(0);
    } finally {
      await b.close();
    }
    // A complete file on its own is enough.
    fs.writeFileSync(file, JSON.stringify({ url: baseUrl, apiKey: a.agentKey }));
    const c = await spawnBridge({ env: bridgeEnv({ SWITCHBOARD_CONFIG: file }) });
    try {
      expect((await c.client.listTools()).tools.map((t) => t.name)).toContain("ask_human");
    } finally {
      await c.close();
    }
  });

  it("npm pack → installed into an empty folder outside the repo → works on its own", { timeout: 300_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(tempHome(), "install-"));
    const root = path.resolve(__dirname, "..");
    const packed = spawnSync("npm", ["pack", "./bridge", "--pack-destination", dir, "--json"], { cwd: root, encoding: "utf8" });
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = JSON.parse(packed.stdout)[0].filename as string;
    const files = JSON.parse(packed.stdout)[0].files.map((f: { path: string }) => f.path) as string[];
    expect(files.every((f) => /^(bin|lib)\/|^package\.json$|^README\.md$/.test(f))).toBe(true);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "desktop", private: true }));
    // From the npm cache when it has the SDK, else from the registry (the only network tests may use).
    const installed = spawnSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${tarball}`], {
      cwd: dir,
      encoding: "utf8",
      timeout: 240_000,
    });
    expect(installed.status, installed.stderr).toBe(0);
    const bin = path.join(dir, "node_modules", ".bin", "switchboard-mcp");
    const b = await spawnBridge({ command: bin, env: bridgeEnv({ SWITCHBOARD_URL: baseUrl, SWITCHBOARD_API_KEY: a.agentKey }) });
    try {
      expect((await b.client.listTools()).tools.map((t) => t.name)).toContain("ask_human");
    } finally {
      await b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
