import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { sendTestEscalation } from "@/lib/domains/hitl/send-test-escalation";

export const dynamic = "force-dynamic";
// The request waits for the answer like an ask_human call (at most 55 s).
export const maxDuration = 60;

// POST /api/test-escalation {timeoutSeconds?} — a test case in the caller's own queue; answers with what the agent would hear
export const POST = withRoute(
  async ({ req, deps, principal }) => {
    return json(await sendTestEscalation(deps, principal, await readJson(req, { optional: true }), req.signal));
  },
  { scopes: ["hitl:answer"] },
);
