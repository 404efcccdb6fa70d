/**
 * The throughput reference for `npm run bench`: a bare `@modelcontextprotocol/server` McpServer with the
 * same tool names and schemas as Switchboard (trivial handlers), served by the SDK's fetch-style
 * `createMcpHandler` behind a small node:http ⇄ Request/Response adapter. No auth, no database, no Next.js.
 *
 * Run as a child process of bench/run.ts (so the load generator does not share its event loop); prints
 * `BARE_READY <port>` when listening. GET /__stats returns how many MCP requests it served.
 */
import http from "node:http";
import { createMcpHandler, McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import { askHumanTool } from "../lib/mcp/tools/ask-human";
import { cancelHumanRequestTool } from "../lib/mcp/tools/cancel-human-request";
import { getHumanAnswerTool } from "../lib/mcp/tools/get-human-answer";
import { ESCALATION_GUIDE, SERVER_INSTRUCTIONS } from "../lib/mcp/instructions";
import { CALLS_TOOLS } from "../lib/mcp/server";

const CASE_ID = "00000000-0000-4000-8000-000000000000";
const answered = (caseId = CASE_ID) => {
  const result = { status: "answered" as const, caseId, answer: "Yes.", message: "Yes." };
  return { content: [{ type: "text" as const, text: JSON.stringify(result) }], structuredContent: result };
};

// The very tool definitions lib/mcp/tools/*.ts register, with trivial handlers.
function buildServer(): McpServer {
  const server = new McpServer({ name: "switchboard-bare", version: "0.0.0" }, { instructions: SERVER_INSTRUCTIONS });
  server.registerTool(askHumanTool.name, askHumanTool.config, async () => answered());
  server.registerTool(getHumanAnswerTool.name, getHumanAnswerTool.config, async (args) => answered(args.caseId));
  server.registerTool(cancelHumanRequestTool.name, cancelHumanRequestTool.config, async (args) => answered(args.caseId));
  // The phone-call tools are listed too (tools/list is measured), though their calls are not.
  for (const t of CALLS_TOOLS) {
    server.registerTool(t.contract.name, t.contract.config as never, (async () => ({ content: [{ type: "text" as const, text: "not in the bare server" }], isError: true })) as never);
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

const handler = createMcpHandler(() => buildServer());
let served = 0;

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === "GET" && req.url === "/__stats") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ requests: served }));
      return;
    }
    served++;
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
    const response = await handler.fetch(request);
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
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

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`BARE_READY ${port}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
