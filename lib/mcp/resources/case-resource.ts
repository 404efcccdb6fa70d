import { ResourceNotFoundError, ResourceTemplate, type McpServer } from "@modelcontextprotocol/server";
import { asc, eq } from "drizzle-orm";
import { getDeps } from "@/lib/deps";
import { caseMessages } from "@/lib/db/schema";
import { getCaseOrThrow } from "@/lib/hitl/get-case";
import { isAppError } from "@/lib/errors";
import { presentCase, toPublicMessage } from "@/lib/hitl/case-view";
import { principalOf, type ToolContext } from "@/lib/mcp/context";

/** switchboard://cases/{caseId} — a case with its messages, for the key's own account only. */
export function registerCaseResource(server: McpServer) {
  server.registerResource(
    "case",
    new ResourceTemplate("switchboard://cases/{caseId}", { list: undefined }),
    { title: "Escalation case", description: "A case (question, status, answer) with its messages.", mimeType: "application/json" },
    async (uri, variables, ctx) => {
      const deps = await getDeps();
      const principal = principalOf(ctx as unknown as ToolContext);
      const caseId = String(variables.caseId);
      // Unknown and other accounts' cases are the same "resource not found" (-32602), never an internal error.
      const row = await getCaseOrThrow(deps.db, principal.accountId, caseId).catch((e) => {
        throw isAppError(e) && e.code === "not_found" ? new ResourceNotFoundError(uri.href, e.message) : e;
      });
      const messages = await deps.db.select().from(caseMessages).where(eq(caseMessages.caseId, row.id)).orderBy(asc(caseMessages.id));
      const body = { case: await presentCase(deps.db, row), messages: messages.map(toPublicMessage) };
      return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(body, null, 2) }] };
    },
  );
}
