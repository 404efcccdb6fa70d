import { z } from "zod";
import { listModels } from "@/lib/domains/calls/catalog";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const modelSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });

export const getModelOptionsTool = defineTool({
  name: "get_model_options",
  title: "Get model options",
  description: "The conversation models a call can use (pass the id as `model`). Needs calls:read.",
  input: z.object({}),
  output: z.object({ models: z.array(modelSchema) }),
  annotations: { readOnlyHint: true, openWorldHint: true },
  scopes: ["calls:read"],
  run: async (_input, ctx) => ({ models: await listModels(ctx.deps, ctx.principal) }),
});
