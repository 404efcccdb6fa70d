import { expect } from "vitest";
import { getConfig } from "@/lib/platform/config/env";
import type { Db } from "@/lib/adapters/db/client";
import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { createMember } from "@/lib/domains/members/members";
import type { Principal, Scope } from "@/lib/domains/auth/principal";
import { AppError, type ErrorCode } from "@/lib/platform/errors";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const rand = () => Math.random().toString(36).slice(2, 10);

/** Awaits the promise and asserts it rejected with an AppError of this code (and message, if given). */
export async function expectAppError(p: Promise<unknown> | (() => unknown), code: ErrorCode, message?: RegExp | string): Promise<AppError> {
  let caught: unknown;
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected AppError ${code}, but nothing was thrown`).toBeInstanceOf(AppError);
  const err = caught as AppError;
  expect(err.code, err.message).toBe(code);
  if (message !== undefined) expect(err.message).toMatch(message);
  return err;
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 5_000, everyMs = 25): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** Another operator member of the account, as a principal. */
export async function addMember(db: Db, accountId: string, name = `Member ${rand()}`): Promise<Extract<Principal, { kind: "member" }>> {
  const email = `m-${rand()}@example.test`;
  const m = await createMember(db, accountId, { email, password: "long enough password", role: "operator", name });
  return { kind: "member", accountId, memberId: m.id, role: "operator", email, name: m.name };
}

/** Another API key of the account, as a principal. */
export async function addKey(db: Db, accountId: string, scopes: Scope[], name = `key ${rand()}`) {
  const { key } = await createApiKey(db, { accountId, name, scopes });
  return (await verifyApiKey({ db, config: getConfig() }, key))!;
}
