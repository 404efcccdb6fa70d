import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Client } from "@modelcontextprotocol/client";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as casesRoute from "@/app/api/cases/route";
import { auditLog, webhookDeliveries } from "@/lib/adapters/db/schema";
import { deliverDueCallbacks } from "@/lib/domains/hitl/callbacks";
import { createCase } from "@/lib/domains/hitl/create-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { getConfig, resetConfig } from "@/lib/platform/config/env";
import { withDeps } from "@/lib/platform/deps";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { callTool, connectInProcess } from "@/tests/support/in-process-mcp";
import { waitFor } from "@/tests/hitl/helpers";

/**
 * callbackUrl is chosen by any hitl:ask key, and through ask_human's argument by the voice agent's model (a
 * caller can talk it into one). A receiver on 127.0.0.1 stands for the app's own internals: with
 * OUTBOUND_ALLOW_LOOPBACK off (the default) it must never be POSTed to — refused when the case is created
 * (REST and the tool, naming the field), and refused and recorded on the case when a callback is due.
 */
let app: App;
let receiver: Server;
let port = 0;
const hits: string[] = [];
let agent: Client;

const setLoopback = (on: boolean) => {
  process.env.OUTBOUND_ALLOW_LOOPBACK = on ? "true" : "false";
  resetConfig();
};

beforeAll(async () => {
  app = await startApp();
  receiver = createServer((req, res) => {
    hits.push(req.url!);
    res.writeHead(200).end("ok");
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  port = (receiver.address() as AddressInfo).port;
  agent = await connectInProcess(await app.credential("hitl:ask"));
  setLoopback(false);
});
afterAll(async () => {
  await agent?.close();
  receiver?.closeAllConnections();
  await new Promise<void>((r) => receiver?.close(() => r()));
  await app?.close();
});

async function postCase(body: unknown) {
  const res = await (casesRoute.POST as unknown as (req: Request) => Promise<Response>)(
    new Request(`${BASE}/api/cases`, {
      method: "POST",
      headers: { ...(await app.credential("hitl:ask")), "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  return { status: res.status, json: (await res.json()) as { error?: { message: string } } };
}

describe("callbackUrl through the outbound guard", () => {
  it("POST /api/cases refuses a loopback, metadata-service or private callbackUrl with 422 naming the field", async () => {
    for (const url of [
      `http://127.0.0.1:${port}/_bulk`,
      `http://localhost:${port}/_bulk`,
      `http://[::ffff:127.0.0.1]:${port}/_bulk`,
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.5:9200/_bulk",
    ]) {
      const r = await postCase({ question: "Refund policy?", callbackUrl: url });
      expect(r.status, url).toBe(422);
      expect(r.json.error!.message, url).toMatch(/^callbackUrl: .*private or reserved address/);
    }
    expect(hits).toEqual([]);
  });

  it("ask_human refuses it too, with a tool error naming callbackUrl, and creates no case", async () => {
    const r = await callTool(agent, "ask_human", { question: "Can I get a refund?", callbackUrl: `http://127.0.0.1:${port}/_bulk` });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/callbackUrl: points at 127\.0\.0\.1, a private or reserved address/);
    expect(hits).toEqual([]);
  });

  it("a callback whose target is refused when it is due is not sent, not retried, and recorded on the case", async () => {
    // Created while loopback was allowed (as a name can resolve publicly at creation and privately later).
    setLoopback(true);
    const { case: c } = await createCase(
      withDeps(app.deps, { config: getConfig() }),
      app.agent,
      { question: "Late answer?", callbackUrl: `http://localhost:${port}/late` },
      { source: "api" },
    );
    setLoopback(false);
    const strict = withDeps(app.deps, { config: getConfig() });
    const operator = {
      kind: "member" as const,
      accountId: app.accountA.id,
      memberId: app.operator.id,
      role: app.operator.role,
      email: app.operator.email,
      name: app.operator.name,
    };
    await postMessage(strict, operator, c.id, { content: "Yes." });
    await deliverDueCallbacks(strict);
    const [d] = await waitFor(async () => {
      const rows = await app.deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.caseId, c.id));
      return rows[0]?.status === "failed" ? rows : null;
    });
    expect(d).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: null });
    expect(d!.lastError).toMatch(/^refused: the callbackUrl resolves to a private or reserved address/);
    const audit = await app.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, "case.callback_refused")));
    expect(audit).toHaveLength(1);
    expect(hits).toEqual([]);
  });
});
