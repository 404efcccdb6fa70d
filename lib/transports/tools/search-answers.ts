import { searchAnswersInput, searchAnswersOutput } from "@/lib/domains/memory/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const searchAnswersTool = defineTool({
  name: "search_answers",
  title: "Search saved answers",
  description:
    "Look up answers your team saved and approved for questions like this one, without asking a person. Returns `answers` " +
    "(best first, each with a score 0–1) and `message`: the best answer when it is confident enough to say as is, otherwise a " +
    "sentence saying there is none (then use ask_human, which also checks saved answers first). Needs hitl:ask.",
  input: searchAnswersInput,
  output: searchAnswersOutput,
  annotations: { readOnlyHint: true, openWorldHint: false },
  scopes: ["hitl:ask"],
  errors: "hitl",
  // The matcher (stemmer, lexicon) loads on the first search, not with every /api/mcp request.
  runRaw: async (args, ctx) => (await import("@/lib/domains/memory/search")).searchAnswers(ctx.deps, ctx.principal, args),
});
