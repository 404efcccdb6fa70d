import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveKeyId, KEY_FILE } from "@/lib/platform/secrets/keyring";

const root = path.resolve(import.meta.dirname, "..", "..");

// The real CLI on its own embedded database: the key an operator never had to set, then a rotation to one
// they did, done with `switchboard secrets reencrypt` as the README says.
describe("switchboard secrets", { timeout: 180_000 }, () => {
  let dataDir: string;
  const run = (env: Record<string, string>, ...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(root, "bin", "switchboard.mjs"), ...args], {
      cwd: root,
      encoding: "utf8",
      // DATABASE_URL="" means "unset": this test must never write to a shared server database.
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: "",
        LOG_LEVEL: "silent",
        SECRETS_ENCRYPTION_KEY: "",
        SECRETS_ENCRYPTION_KEY_ID: "",
        SECRETS_ENCRYPTION_PREVIOUS_KEYS: "",
        ...env,
      },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-secrets-cli-"));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("without settings, keeps a private key file in DATA_DIR and seals with it", () => {
    expect(run({}, "accounts", "create", "--name", "Acme").code).toBe(0);
    const file = path.join(dataDir, KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const fileKeyId = deriveKeyId(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64"));
    const status = run({}, "secrets", "status");
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`accounts.webhook_secret\t${fileKeyId}\t1`);
    expect(status.stdout).not.toMatch(/whsec_/);
  });

  it("rotates: the new key with the old one as previous, reencrypt, then the new key alone", () => {
    const fileKey = fs.readFileSync(path.join(dataDir, KEY_FILE), "utf8").trim();
    const newKey = randomBytes(32).toString("base64");
    const rotating = { SECRETS_ENCRYPTION_KEY: newKey, SECRETS_ENCRYPTION_KEY_ID: "2026-12", SECRETS_ENCRYPTION_PREVIOUS_KEYS: fileKey };

    // Without the old key nothing can be re-encrypted, and the error says which key is missing.
    const missing = run({ SECRETS_ENCRYPTION_KEY: newKey, SECRETS_ENCRYPTION_KEY_ID: "2026-12" }, "secrets", "reencrypt");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/key "k-[0-9a-f]{8}".*SECRETS_ENCRYPTION_PREVIOUS_KEYS/);

    const done = run(rotating, "secrets", "reencrypt");
    expect(done.code).toBe(0);
    expect(done.stdout).toContain("accounts.webhook_secret\t1");
    expect(done.stderr).toMatch(/re-encrypted with key "2026-12"/);
    const after = run({ SECRETS_ENCRYPTION_KEY: newKey, SECRETS_ENCRYPTION_KEY_ID: "2026-12" }, "secrets", "status");
    expect(after.stdout.trim()).toBe("accounts.webhook_secret\t2026-12\t1");
    // Nothing is left under the old key, so it can leave SECRETS_ENCRYPTION_PREVIOUS_KEYS: a second run finds nothing to do.
    expect(run({ SECRETS_ENCRYPTION_KEY: newKey, SECRETS_ENCRYPTION_KEY_ID: "2026-12" }, "secrets", "reencrypt").stdout).toContain(
      "accounts.webhook_secret\t0",
    );
  });

  it("in production on a shared database without the key: names the missing setting before doing anything", () => {
    const r = run({ NODE_ENV: "production", DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" }, "accounts", "list");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SECRETS_ENCRYPTION_KEY: required with DATABASE_URL in production/);
  });
});
