import { describe, expect, it } from "vitest";
import { TOOL_REGISTRY } from "@/lib/transports/tools/tool-registry";
import { readMatrix } from "@/tests/support/matrix/readme-matrix";

describe("the tool registry Retell functions use", () => {
  it("offers exactly the MCP tools of the README's permission matrix, with the scopes it documents", () => {
    const matrix = readMatrix("MCP tools, resources and the prompt");
    const tools = [...matrix.keys()].filter((k) => !k.startsWith("switchboard://") && !k.startsWith("prompt "));
    expect([...TOOL_REGISTRY.keys()].sort()).toEqual(tools.sort());
    for (const [name, tool] of TOOL_REGISTRY) {
      const columns = ["hitl:ask", "hitl:answer", "replies:write", "calls:read", "calls:write"];
      const allowed = columns.filter((s) => matrix.get(name)!.get(s as never) === "ok");
      // Scopes without a matrix column (notify:send, weather:read, golf:*) are checked by their tools' own suites.
      expect([name, [...tool.scopes].filter((s) => columns.includes(s)).sort()]).toEqual([name, allowed.sort()]);
    }
  });
});
