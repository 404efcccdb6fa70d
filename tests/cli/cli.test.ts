import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/adapters/db/client";
import { verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { getConfig } from "@/lib/platform/config/env";

const root = path.resolve(import.meta.dirname, "..", "..");

// The real CLI (bin/switchboard.mjs) on its own embedded database in a temp directory.
// Each command is a fresh process that opens the embedded database (seconds each on a busy machine): a generous limit.
describe("switchboard CLI", { timeout: 180_000 }, () => {
  let dataDir: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(root, "bin", "switchboard.mjs"), ...args], {
      cwd: root,
      encoding: "utf8",
      // DATABASE_URL="" means "unset": this test must never write to a shared server database.
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-cli-"));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("explains itself without arguments and refuses unknown commands", () => {
    const none = run();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage: switchboard <noun> <verb>/);
    const unknown = run("keys", "frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "keys frobnicate"/);
  });

  it("needs an account first, then acts on the first one without --account", () => {
    const early = run("keys", "list");
    expect(early.code).toBe(3);
    expect(early.stderr).toMatch(/accounts create/);
    const created = run("accounts", "create", "--name", "Acme");
    expect(created.code).toBe(0);
    expect(created.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.stderr).toMatch(/whsec_/);
    expect(run("accounts", "list").stdout).toContain("Acme");
  });

  it("prints a new key alone on stdout; the key works until it is revoked", async () => {
    const created = run("keys", "create", "--name", "Retell prod", "--scopes", "hitl:ask,hitl:answer");
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^sb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.stdout).toBe(`${key}\n`);
    const prefix = key.slice(0, 15);
    const listed = run("keys", "list").stdout;
    expect(listed).toContain(prefix);
    expect(listed).not.toContain(key);

    const check = async () => {
      const database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
      try {
        return await verifyApiKey({ db: database.db, config: getConfig() }, key, 0);
      } finally {
        await database.close();
      }
    };
    expect(await check()).toMatchObject({ kind: "api_key", scopes: ["hitl:ask", "hitl:answer"] });
    expect(run("keys", "revoke", prefix).code).toBe(0);
    expect(await check()).toBeNull();
    expect(run("keys", "list").stdout).toMatch(/revoked/);
  });

  it("names what is wrong with bad input", () => {
    const scope = run("keys", "create", "--name", "x", "--scopes", "hitl:ask,root");
    expect(scope.code).toBe(1);
    expect(scope.stderr).toMatch(/scopes: unknown or missing scope root/);
    const member = run("members", "create", "--email", "not-an-email", "--password", "short", "--role", "boss");
    expect(member.code).toBe(1);
    expect(member.stderr).toMatch(/email/);
    expect(member.stderr).toMatch(/password/);
    expect(member.stderr).toMatch(/role/);
    const missing = run("members", "create", "--email", "ana@acme.test");
    expect(missing.stderr).toMatch(/--password is required/);
    const flag = run("keys", "create", "--bogus");
    expect(flag.code).toBe(2);
  });

  it("creates members and refuses a duplicate email", () => {
    expect(run("members", "create", "--email", "Ana@Acme.test", "--password", "long enough pw", "--role", "operator").code).toBe(0);
    expect(run("members", "list").stdout).toMatch(/ana@acme\.test\toperator\tactive/);
    const dup = run("members", "create", "--email", "ana@acme.test", "--password", "long enough pw", "--role", "admin");
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already a member/);
  });

  it("while another process holds the embedded database without taking commands, says what to do (exit 1)", () => {
    // A live process that is not a Switchboard app publishing a CLI endpoint (e2e/first-run covers the app that does).
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      fs.writeFileSync(path.join(dataDir, "pglite", "switchboard.pid"), String(holder.pid));
      const r = run("keys", "list");
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`in use by process ${holder.pid}, which does not take CLI commands`));
      expect(r.stderr).toMatch(/stop it/);
    } finally {
      holder.kill("SIGKILL");
      fs.rmSync(path.join(dataDir, "pglite", "switchboard.pid"), { force: true });
    }
  });

  it("refuses a bad setting, naming the variable", () => {
    const r = spawnSync(process.execPath, [path.join(root, "bin", "switchboard.mjs"), "db", "migrate"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "mysql://nope", LOG_LEVEL: "silent" },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/DATABASE_URL: must start with postgres/);
  });
});
