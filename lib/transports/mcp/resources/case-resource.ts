import { getCaseWithMessages } from "@/lib/domains/hitl/case-messages";
import { presentCase, toPublicMessage } from "@/lib/domains/hitl/case-view";
import { defineResource } from "@/lib/transports/mcp/define-resource";

/** switchboard://cases/{caseId} — a case with its messages, for the key's own account only (as GET /api/cases/{id}). */
export const caseResource = defineResource({
  name: "case",
  uri: "switchboard://cases/{caseId}",
  title: "Escalation case",
  description: "A case (question, status, answer) with its messages.",
  scopes: ["hitl:ask", "hitl:answer"],
  read: async (vars, { deps, principal }) => {
    const found = await getCaseWithMessages(deps, principal.accountId, String(vars.caseId));
    return { case: await presentCase(deps.db, found.case), messages: found.messages.map(toPublicMessage) };
  },
});
