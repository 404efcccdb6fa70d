/**
 * The throughput reference for `npm run bench` (figure 3): a bare `@modelcontextprotocol/server` McpServer with
 * the same tool names and schemas as Switchboard, served by the SDK's fetch-style `createMcpHandler` behind a
 * small node:http ⇄ Request/Response adapter. It does the work a get_human_answer needs and nothing else: the
 * same API-key lookup (`verifyApiKey`, with its cache) and the same case read (`getHumanAnswer`) on the same
 * database as the app — so the app ÷ bare ratio measures Next.js, mcp-handler and our route wrappers, not
 * the database. On PostgreSQL it opens the app's very database (BARE_DATABASE_URL) and serves the app's key
 * and case; on the embedded PGlite (which the app holds locked) it migrates an in-memory copy and provisions
 * an account, a key and an answered case of its own, announced on stdout.
 *
 * Run as a child process of bench/run.ts (so the load generator does not share its event loop); prints
 * `BARE_READY <port> <key> <caseId>` when listening. GET /__stats returns how many MCP requests it served.
 */
import http from "node:http";
import { createMcpHandler, McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import { getHumanAnswerTool } from "../../lib/transports/tools/get-human-answer";
import { ESCALATION_GUIDE, SERVER_INSTRUCTIONS } from "../../lib/transports/mcp/instructions";
import { ALL_TOOLS } from "../../lib/transports/tools/catalog";
import type { Principal } from "../../lib/domains/auth/principal";
import { verifyApiKey } from "../../lib/domains/api-keys/api-keys";
import { getHumanAnswer } from "../../lib/domains/hitl/ask-human";
import { openDeps } from "./bare-deps";

let deps: Awaited<ReturnType<typeof openDeps>>;
const asResult = (result: Record<string, unknown>) => ({
  content: [{ type: "text" as const, text: JSON.stringify(result) }],
  structuredContent: result,
});
const refused = { content: [{ type: "text" as const, text: "not in the bare server" }], isError: true };

/** The same lookup the app's routes make for a bearer key, or null. */
async function principalOf(authorization: string | undefined): Promise<Principal | null> {
  const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
  return token ? verifyApiKey(deps, token) : null;
}

// The very tool definitions lib/transports/tools/*.ts register, listed as the app lists them to this caller (only
// the tools its scopes can call); only get_human_answer does real work (figure 3 measures it and tools/list).
function buildServer(principal: Principal): McpServer {
  const server = new McpServer({ name: "switchboard-bare", version: "0.0.0" }, { instructions: SERVER_INSTRUCTIONS });
  for (const t of ALL_TOOLS) {
    const run =
      t.name === getHumanAnswerTool.name
        ? async (args: Parameters<typeof getHumanAnswer>[2]) => asResult(await getHumanAnswer(deps, principal, args))
        : async () => refused;
    const registered = server.registerTool(t.name, t.config as never, run as never);
    if (t.refusal(principal)) registered.disable();
  }
  server.registerResource(
    "case",
    new ResourceTemplate("switchboard://cases/{caseId}", { list: undefined }),
    { title: "Escalation case", description: "A case (question, status, answer) with its messages.", mimeType: "application/json" },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "application/json", text: "{}" }] }),
  );
  server.registerPrompt(
    "escalation-guide",
    { title: "Escalation guide", description: "When and how a voice agent should escalate to a human with Switchboard." },
    () => ({ messages: [{ role: "user" as const, content: { type: "text" as const, text: ESCALATION_GUIDE } }] }),
  );
  return server;
}

// One handler for the process, as in the app; the factory builds the per-request server for the caller.
const handler = createMcpHandler((ctx) => buildServer(ctx.authInfo!.extra!.principal as Principal));
let served = 0;

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === "GET" && req.url === "/__stats") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ requests: served }));
      return;
    }
    served++;
    const principal = await principalOf(req.headers.authorization);
    if (!principal) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"error":"unauthorized"}');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
    }
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    const hasBody = req.method !== "GET" && req.method !== "HEAD" && chunks.length > 0;
    const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
      method: req.method,
      headers,
      body: hasBody ? Buffer.concat(chunks) : undefined,
      signal: abort.signal,
    });
    const response = await handler.fetch(request, {
      authInfo: { token: "", clientId: principal.accountId, scopes: [], extra: { principal } },
    });
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => {
      out[k] = v;
    });
    if (!(out["content-type"] ?? "").startsWith("text/event-stream")) {
      // A plain JSON answer: one write with a length, as a production adapter would do.
      const buf = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, { ...out, "content-length": String(buf.length) }).end(buf);
      return;
    }
    res.writeHead(response.status, out);
    res.flushHeaders();
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
    }
    res.end();
  } catch (e) {
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end(String(e));
  }
});

void openDeps().then((opened) => {
  deps = opened;
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    process.stdout.write(`BARE_READY ${port} ${deps.key} ${deps.caseId}\n`);
  });
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
