import { ResourceNotFoundError, ResourceTemplate, type McpServer } from "@modelcontextprotocol/server";
import { getDeps } from "@/lib/deps";
import { isAppError } from "@/lib/errors";
import { getCaseWithMessages } from "@/lib/hitl/list-cases";
import { presentCase, toPublicMessage } from "@/lib/hitl/case-view";
import { principalOf, type ToolContext } from "@/lib/mcp/context";
import { assertResourceScope, type ToolScopes } from "@/lib/mcp/tool-scopes";

/** The asker and answerers read a case (as GET /api/cases/{id}). */
export const CASE_RESOURCE_SCOPES: ToolScopes = ["hitl:ask", "hitl:answer"];

/** switchboard://cases/{caseId} — a case with its messages, for the key's own account only. */
export function registerCaseResource(server: McpServer) {
  server.registerResource(
    "case",
    new ResourceTemplate("switchboard://cases/{caseId}", { list: undefined }),
    { title: "Escalation case", description: "A case (question, status, answer) with its messages.", mimeType: "application/json" },
    async (uri, variables, ctx) => {
      assertResourceScope(ctx, CASE_RESOURCE_SCOPES);
      const deps = await getDeps();
      const principal = principalOf(ctx as unknown as ToolContext);
      // Unknown and other accounts' cases are the same "resource not found" (-32602), never an internal error.
      const found = await getCaseWithMessages(deps, principal.accountId, String(variables.caseId)).catch((e) => {
        throw isAppError(e) && e.code === "not_found" ? new ResourceNotFoundError(uri.href, e.message) : e;
      });
      const body = { case: await presentCase(deps.db, found.case), messages: found.messages.map(toPublicMessage) };
      return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(body, null, 2) }] };
    },
  );
}
