import { McpServer } from "@modelcontextprotocol/server";
import { describe, expect, it } from "vitest";
import { jsonRpcCallOf } from "@/lib/transports/mcp/bounded-request";
import { ALL_TOOLS, onlyToolFor, registerSwitchboard } from "@/lib/transports/mcp/server";
import type { Principal } from "@/lib/domains/auth/principal";

const principal = { kind: "api_key", accountId: "acc", keyId: "k", scopes: ["hitl:ask"] } as unknown as Principal;
const registered = (s: McpServer) => Object.keys((s as unknown as { _registeredTools: Record<string, unknown> })._registeredTools);

describe("a tools/call builds a server with the called tool only", () => {
  it("reads the method and, for tools/call, the tool's name", () => {
    const call = (body: unknown) => jsonRpcCallOf(JSON.stringify(body));
    expect(call({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "ask_human", arguments: {} } })).toEqual({
      method: "tools/call",
      toolName: "ask_human",
    });
    expect(call({ jsonrpc: "2.0", id: 1, method: "tools/list" })).toEqual({ method: "tools/list", toolName: undefined });
    expect(call({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: 7 } })).toEqual({
      method: "tools/call",
      toolName: undefined,
    });
    expect(call({ jsonrpc: "2.0", id: 1, method: "resources/read", params: { name: "ask_human" } }).toolName).toBeUndefined();
    expect(call([{ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "ask_human" } }])).toEqual({
      method: undefined,
      toolName: undefined,
    });
    expect(jsonRpcCallOf('{"method": "tools/call", ')).toEqual({ method: undefined, toolName: undefined });
  });

  it("registers only ask_human for a call of ask_human; everything for a list or a name we do not know", () => {
    const one = new McpServer({ name: "t", version: "1" });
    registerSwitchboard(one, { principal, listing: false, toolName: "ask_human" });
    expect(registered(one)).toEqual(["ask_human"]);

    for (const caller of [{ principal, listing: true }, { principal, listing: false, toolName: "no_such_tool" }, undefined]) {
      const all = new McpServer({ name: "t", version: "1" });
      registerSwitchboard(all, caller);
      expect(registered(all).sort()).toEqual(ALL_TOOLS.map((t) => t.name).sort());
    }
    expect(onlyToolFor({ principal, listing: false, toolName: "no_such_tool" })).toBeUndefined();
  });
});
