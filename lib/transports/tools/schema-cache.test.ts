import { describe, expect, it } from "vitest";
import { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { cacheJsonSchema } from "@/lib/transports/tools/schema-cache";

const params = { target: "draft-2020-12" };

describe("cacheJsonSchema", () => {
  it("converts once and hands out equal, independent copies", () => {
    const s = z.object({ caseId: z.string().min(1).describe("The case") });
    const fresh = z.toJSONSchema(s, { target: "draft-2020-12", io: "input" });
    cacheJsonSchema(s);
    const a = s["~standard"].jsonSchema.input(params as never);
    const b = s["~standard"].jsonSchema.input(params as never);
    expect(a).toEqual(fresh);
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    (a as Record<string, unknown>).mutated = true;
    expect(s["~standard"].jsonSchema.input(params as never)).not.toHaveProperty("mutated");
  });

  it("keeps input and output conversions apart and leaves validation to zod", async () => {
    const s = z.object({ n: z.number().default(1) });
    cacheJsonSchema(s);
    expect(s["~standard"].jsonSchema.input(params as never)).toEqual(z.toJSONSchema(s, { target: "draft-2020-12", io: "input" }));
    expect(s["~standard"].jsonSchema.output(params as never)).toEqual(z.toJSONSchema(s, { target: "draft-2020-12", io: "output" }));
    expect(s.safeParse({ n: "x" }).success).toBe(false);
  });

  it("serves tools/list through an McpServer with the cached schemas", async () => {
    const input = z.object({ caseId: z.string().min(1) });
    const output = z.object({ status: z.enum(["answered", "pending"]) });
    cacheJsonSchema(input);
    cacheJsonSchema(output);
    const server = new McpServer({ name: "t", version: "0" });
    server.registerTool("t", { inputSchema: input, outputSchema: output }, async () => ({
      content: [],
      structuredContent: { status: "answered" as const },
    }));
    expect(server.toolInputSchemaJson("t")).toMatchObject({ type: "object", required: ["caseId"] });
  });
});
