/**
 * The SDK turns a tool's zod schemas into JSON Schema (via Standard Schema's `~standard.jsonSchema`) on every
 * tools/call — the input schema for the Mcp-Param header check, the output schema for the result projection —
 * and memoises only on the McpServer, which mcp-handler builds afresh for each stateless request. Our schemas
 * are module-level constants, so the conversion is the same every time: remember it per schema and hand out
 * a copy (callers may not mutate what we keep). Validation still runs the zod schema itself.
 */
type Converter = (params?: Record<string, unknown>) => Record<string, unknown>;
type JsonSchemaHooks = { input: Converter; output: Converter };

const done = new WeakSet<object>();

export function cacheJsonSchema(schema: unknown): void {
  const std = (schema as { "~standard"?: { jsonSchema?: JsonSchemaHooks } } | undefined)?.["~standard"];
  const hooks = std?.jsonSchema;
  if (!std || !hooks || done.has(std)) return;
  const memo = new Map<string, Record<string, unknown>>();
  const wrap =
    (io: "input" | "output"): Converter =>
    (params) => {
      const key = `${io}:${JSON.stringify(params ?? {})}`;
      let json = memo.get(key);
      if (!json) {
        json = hooks[io](params);
        memo.set(key, json);
      }
      return structuredClone(json);
    };
  std.jsonSchema = { input: wrap("input"), output: wrap("output") };
  done.add(std);
}

/** Applies {@link cacheJsonSchema} to a tool config's input and output schemas. */
export function cacheToolSchemas(config: { inputSchema?: unknown; outputSchema?: unknown }): void {
  cacheJsonSchema(config.inputSchema);
  cacheJsonSchema(config.outputSchema);
}
