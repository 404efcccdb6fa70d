import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as mcpRoute from "@/app/api/mcp/route";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { createCase } from "@/lib/domains/hitl/create-case";
import { CALLS_TOOLS, GOLF_TOOLS, UTILITY_TOOLS } from "@/lib/transports/mcp/server";
import { askHumanTool } from "@/lib/transports/tools/ask-human";
import { cancelHumanRequestTool } from "@/lib/transports/tools/cancel-human-request";
import { getHumanAnswerTool } from "@/lib/transports/tools/get-human-answer";
import { searchAnswersTool } from "@/lib/transports/tools/search-answers";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { KINDS, readMatrix, type Expected, type Kind } from "@/tests/support/matrix/readme-matrix";
import { playRecordedCall } from "@/tests/support/matrix/route-fixtures";
import { golfFixtures } from "@/tests/support/matrix/golf-fixtures";

/**
 * Who may call what: every MCP tool, resource and the prompt × every credential kind, through the official MCP
 * client (2026-07-28) talking to the real /api/mcp route handler in-process, against the README matrix.
 */
const matrix = readMatrix("MCP tools, resources and the prompt");
const TOOLS = [
  askHumanTool,
  getHumanAnswerTool,
  cancelHumanRequestTool,
  searchAnswersTool,
  ...CALLS_TOOLS,
  ...UTILITY_TOOLS,
  ...GOLF_TOOLS,
];
let app: App;
let args: Record<string, () => Promise<Record<string, unknown>>>;
let uris: Record<string, string>;

beforeAll(async () => {
  app = await startApp();
  const newCase = async () =>
    (await createCase(app.deps, app.agent, { question: `MCP matrix ${Math.random()}?` }, { source: "mcp" })).case.id;
  const newCall = async () =>
    (await makePhoneCall(app.calls, app.adminKey, { phoneNumber: "+14155550123", task: "MCP matrix call.", maxDurationMinutes: 1 })).id;
  const caseId = await newCase();
  const callId = await newCall();
  const { recorded } = await playRecordedCall(app);
  const golf = await golfFixtures(app);
  args = {
    ask_human: async () => ({ question: "Is the matrix green?", timeoutSeconds: 5 }),
    get_human_answer: async () => ({ caseId }),
    cancel_human_request: async () => ({ caseId: await newCase() }),
    search_answers: async () => ({ question: "Do you validate parking?" }),
    make_phone_call: async () => ({ phoneNumber: "+14155550123", task: "MCP matrix call.", maxDurationMinutes: 1 }),
    get_call_status: async () => ({ callId }),
    get_call_details: async () => ({ callId }),
    get_call_history: async () => ({}),
    get_call_transcript: async () => ({ callId: recorded }),
    get_call_recording: async () => ({ callId: recorded }),
    cancel_call: async () => ({ callId: await newCall() }),
    get_model_options: async () => ({}),
    get_voice_options: async () => ({}),
    update_call_preferences: async () => ({ record: false }),
    get_credits: async () => ({}),
    add_credits: async () => ({ amount: 1, reason: "matrix" }),
    get_weather: async () => ({ location: "Limerick" }),
    send_push_notification: async () => ({ message: "Matrix notification", topic: "matrix-alerts" }),
    golf_search_tee_times: async () => ({ date: golf.date, players: 1 }),
    golf_book_tee_time: async () => ({ slotId: golf.freshSlotId(), players: 1, name: "Matrix Golfer", phone: "+14155550123" }),
    golf_get_reservations: async () => ({}),
    golf_cancel_reservation: async () => ({ confirmationCode: (await golf.newReservation()).confirmationCode }),
  };
  uris = {
    "switchboard://cases/{caseId}": `switchboard://cases/${caseId}`,
    "switchboard://calls/{callId}": `switchboard://calls/${callId}`,
  };
}, 120_000);
afterAll(async () => app?.close());

/** The official client, its HTTP going straight into the route handler; records every status it saw. */
async function connect(kind: Kind) {
  const statuses: number[] = [];
  const handler = mcpRoute as unknown as Record<string, (req: Request) => Promise<Response>>;
  const fetchInProcess = async (url: string | URL, init?: RequestInit) => {
    const req = new Request(url, init);
    req.headers.set("host", "127.0.0.1:3000");
    const res = await handler[req.method]!(req);
    statuses.push(res.status);
    return res;
  };
  const client = new Client({ name: "matrix", version: "1.0.0" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });
  const transport = new StreamableHTTPClientTransport(new URL("/api/mcp", BASE), {
    requestInit: { headers: await app.credential(kind) },
    fetch: fetchInProcess as never,
  });
  const connected = await client.connect(transport).then(
    () => true,
    () => false,
  );
  return { client, connected, statuses };
}

/** One operation's outcome in the matrix's terms, or a description of what went wrong. */
async function outcome(client: Client, row: string): Promise<{ got: Expected | "error"; text: string }> {
  const classify = (text: string): Expected | "error" =>
    /lacks the .+ scope needed here/.test(text) ? 403 : /not (be )?found/i.test(text) ? 404 : "error";
  try {
    if (row.startsWith("prompt ")) await client.getPrompt({ name: row.slice(7) });
    else if (row.startsWith("switchboard://")) await client.readResource({ uri: uris[row] ?? row });
    else {
      const r = (await client.callTool({ name: row, arguments: await args[row]!() })) as {
        isError?: boolean;
        content: Array<{ text?: string }>;
      };
      const text = r.content.map((c) => c.text ?? "").join(" ");
      return r.isError ? { got: classify(text), text } : { got: "ok", text };
    }
    return { got: "ok", text: "" };
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    return { got: classify(text), text };
  }
}

describe("permission matrix: MCP tools, resources, prompt (README § Permission matrix)", () => {
  it("every registered tool has a README row", () => {
    const rows = [...matrix.keys()].filter((r) => !r.startsWith("switchboard://") && !r.startsWith("prompt "));
    expect(rows.sort()).toEqual(TOOLS.map((t) => t.name).sort());
    for (const t of TOOLS) expect(t.scopes.length, `${t.name} declares scopes`).toBeGreaterThan(0);
  });

  it("tools/list shows each credential exactly the tools its scopes can call (the README's allowed cells)", async () => {
    const failures: string[] = [];
    for (const kind of KINDS) {
      const toolRows = [...matrix].filter(([row]) => !row.startsWith("switchboard://") && !row.startsWith("prompt "));
      if (toolRows.every(([, cells]) => cells.get(kind) === 401)) continue;
      const { client, connected } = await connect(kind);
      if (!connected) {
        failures.push(`${kind}: could not connect`);
        continue;
      }
      // A 404 cell is a tool the credential may call (the row it names belongs to someone else): listed.
      const callable = toolRows.filter(([, cells]) => cells.get(kind) !== 403).map(([row]) => row);
      const listed = (await client.listTools()).tools.map((t) => t.name);
      if (listed.sort().join() !== callable.sort().join())
        failures.push(`${kind}: listed [${listed.join(", ")}], may call [${callable.join(", ")}]`);
      await client.close().catch(() => {});
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("every tool, resource and prompt × every credential kind gives the outcome the README says", async () => {
    const failures: string[] = [];
    for (const kind of KINDS) {
      const { client, connected, statuses } = await connect(kind);
      for (const [row, cells] of matrix) {
        const expected = cells.get(kind)!;
        if (expected === 401) {
          if (connected || !statuses.includes(401))
            failures.push(`${row} × ${kind}: expected 401, connected=${connected} statuses=${statuses}`);
          continue;
        }
        if (!connected) {
          failures.push(`${row} × ${kind}: could not connect (statuses ${statuses})`);
          continue;
        }
        const { got, text } = await outcome(client, row);
        if (got !== expected) failures.push(`${row} × ${kind}: expected ${expected}, got ${got}: ${text.slice(0, 160)}`);
      }
      await client.close().catch(() => {});
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
