import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { POST as signedTest } from "@/app/api/settings/retell/test/route";
import { TOOL_REGISTRY } from "@/lib/transports/tools/tool-registry";
import { KEY_PLACEHOLDER, retellFunctionDefinitions, retellMcpEntry } from "@/lib/transports/agent-platforms/retell/connect-definitions";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { callFunction, retellSettings } from "@/tests/retell/helpers";

/** Connect Retell: generated custom-function definitions and the "send a signed test request" check. */
let app: App;
beforeAll(async () => {
  app = await startApp();
}, 120_000);
afterAll(async () => app?.close());

const runTest = async (key: string, apiKey: string) => {
  const res = await signedTest(
    new Request(`${BASE}/api/settings/retell/test`, {
      method: "POST",
      headers: { authorization: `Bearer ${app.keys.get(key)}`, "content-type": "application/json" },
      body: JSON.stringify({ apiKey }),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, json: (await res.json()) as Record<string, any> };
};

describe("Connect Retell", () => {
  it("every tool as a custom function: our URL, the key header, parameters from the tool's own zod schema", () => {
    const defs = retellFunctionDefinitions({ baseUrl: "https://sb.example", maxWaitSeconds: 110 });
    expect(defs.map((d) => d.name).sort()).toEqual([...TOOL_REGISTRY.keys()].sort());
    const ask = defs.find((d) => d.name === "ask_human")!;
    expect(ask).toMatchObject({
      type: "custom",
      url: "https://sb.example/api/retell/functions",
      method: "POST",
      headers: { Authorization: `Bearer ${KEY_PLACEHOLDER}` },
      speak_during_execution: true,
    });
    expect(ask.execution_message_description).toMatch(/colleague/);
    expect(ask.timeout_ms).toBeGreaterThanOrEqual(120_000);
    const params = ask.parameters as { type: string; required: string[]; properties: Record<string, { maximum?: number }> };
    expect(params.type).toBe("object");
    expect(params.required).toContain("question");
    // The wait limit of this entry (RETELL_MAX_WAIT_SECONDS), not MCP's 55 s.
    expect(params.properties.timeoutSeconds?.maximum).toBe(110);
    expect(params).not.toHaveProperty("$schema");
    // The schema is the validator's: what it says is required, the route refuses without.
    expect(Object.keys(params.properties)).toEqual(
      Object.keys(
        (z.toJSONSchema(TOOL_REGISTRY.get("ask_human")!.inputSchema({ maxWaitSeconds: 110 }), { io: "input" }) as { properties: object })
          .properties,
      ),
    );
    expect(retellMcpEntry("https://sb.example")).toMatchObject({
      url: "https://sb.example/api/mcp",
      headers: { Authorization: `Bearer ${KEY_PLACEHOLDER}` },
    });
  });

  it("the signed test request: 409 before a Retell key is stored; then accepted with a good key, reported refused with a bad one", async () => {
    const before = await runTest("admin key", app.keys.get("hitl:ask")!);
    expect(before.status).toBe(409);
    expect(before.json.error.message).toMatch(/Retell API key/);
    expect((await retellSettings(app, "PUT", "admin key", { apiKey: "key_connect_test_0123456789" })).status).toBe(200);
    const good = await runTest("admin key", app.keys.get("hitl:ask")!);
    expect(good.status).toBe(200);
    expect(good.json).toMatchObject({ ok: true, status: 200, signed: true, tool: "get_human_answer" });
    // The function really verified the signature: the same body unsigned is refused for this account now.
    expect((await callFunction(app, { key: "hitl:ask", body: { name: "get_human_answer", args: { sessionId: "x" } } })).status).toBe(401);
    const wrongKey = await runTest("admin key", "sb_not_a_real_key_000000");
    expect(wrongKey.json).toMatchObject({ ok: false, status: 401 });
    const noScope = await runTest("admin key", app.keys.get("calls:read")!);
    expect(noScope.json).toMatchObject({ ok: false, status: 403 });
    expect((await runTest("hitl:ask", app.keys.get("hitl:ask")!)).status).toBe(403);
  });
});
