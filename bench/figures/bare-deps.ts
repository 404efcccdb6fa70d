/**
 * What the bare reference server (figure 3) reads from: the app's own PostgreSQL database with the app's key and
 * case (BARE_DATABASE_URL, BARE_KEY, BARE_CASE_ID), or — on the embedded default, whose data directory the app
 * holds locked — an in-memory PGlite migrated and provisioned here through the same domain functions.
 */
import { createAccount } from "../../lib/domains/accounts/accounts";
import { createApiKey, verifyApiKey } from "../../lib/domains/api-keys/api-keys";
import { parseConfig } from "../../lib/platform/config/env";
import { openDatabase } from "../../lib/adapters/db/client";
import { migrate } from "../../lib/adapters/db/migrate";
import { depsFrom, type Deps } from "../../lib/composition/deps";
import { createMemoryBus } from "../../lib/adapters/events/memory";
import { createCase } from "../../lib/domains/hitl/create-case";
import { postMessage } from "../../lib/domains/hitl/post-message";
import { createMemoryKv } from "../../lib/adapters/kv/memory";

export async function openDeps(): Promise<Deps & { key: string; caseId: string }> {
  const url = process.env.BARE_DATABASE_URL;
  const database = await openDatabase(url ? { url } : {});
  const base = depsFrom({ db: database.db, kv: createMemoryKv(), bus: createMemoryBus(), config: parseConfig({ LOG_LEVEL: "silent" }) });
  if (url) return { ...base, key: process.env.BARE_KEY!, caseId: process.env.BARE_CASE_ID! };
  await migrate(database);
  const { account } = await createAccount(base.db, { name: "bare" });
  const { key } = await createApiKey(base.db, { accountId: account.id, name: "bare", scopes: ["hitl:ask", "hitl:answer"] });
  const principal = (await verifyApiKey(base, key, 0))!;
  const created = await createCase(base, principal, { question: "bench throughput" }, { source: "api" });
  await postMessage(base, principal, created.case.id, { content: "Yes." });
  return { ...base, key, caseId: created.case.id };
}
