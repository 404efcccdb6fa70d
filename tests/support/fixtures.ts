import type { Db } from "@/lib/adapters/db/client";
import { getConfig } from "@/lib/platform/config/env";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { createMember } from "@/lib/domains/members/members";
import type { Principal, Scope } from "@/lib/domains/auth/principal";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";

/** An account with an agent key (hitl:ask), an answering key (hitl:answer) and an operator member. */
export async function createTenant(db: Db, name = `Tenant ${Math.random().toString(36).slice(2, 8)}`) {
  const { account, webhookSecret } = await createAccount(db, { name });
  const keyPrincipal = async (scopes: Scope[], keyName: string) => {
    const { key } = await createApiKey(db, { accountId: account.id, name: keyName, scopes });
    return { key, principal: (await verifyApiKey({ db, config: getConfig() }, key))! };
  };
  const agent = await keyPrincipal(["hitl:ask"], "agent");
  const answerer = await keyPrincipal(["hitl:answer"], "answer bridge");
  const email = `op-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const m = await createMember(db, account.id, { email, password: "correct horse battery", role: "operator", name: "Olive Operator" });
  const operator: Principal = { kind: "member", accountId: account.id, memberId: m.id, role: "operator", email, name: m.name };
  return { account, webhookSecret, agent, answerer, operator, operatorEmail: email, operatorPassword: "correct horse battery" };
}

export type Tenant = Awaited<ReturnType<typeof createTenant>>;

/** Fresh deps on their own database with one tenant in it: the setup of most domain test files. Close the deps in afterAll. */
export async function depsWithTenant(): Promise<{ deps: TestDeps; t: Tenant }> {
  const deps = await createTestDeps();
  return { deps, t: await createTenant(deps.db) };
}
