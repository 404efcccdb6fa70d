import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/platform/config/env";
import { deriveKeyId, KEY_FILE, keyringFromConfig, readOrCreateKeyFile } from "@/lib/platform/secrets/keyring";

const b64 = () => randomBytes(32).toString("base64");

describe("where the secrets key comes from", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-keyring-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("production on a shared database without SECRETS_ENCRYPTION_KEY: an error naming the setting, and no key file", () => {
    const config = parseConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://db.example/sb", DATA_DIR: dir });
    expect(() => keyringFromConfig(config)).toThrow(/SECRETS_ENCRYPTION_KEY: required with DATABASE_URL in production/);
    expect(() => keyringFromConfig(config)).toThrow(expect.objectContaining({ name: "ConfigError" }));
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
  });

  it("the embedded default creates a private key file once and keeps using it", () => {
    const config = parseConfig({ NODE_ENV: "production", DATA_DIR: dir });
    const first = keyringFromConfig(config);
    const file = path.join(dir, KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.current.key).toHaveLength(32);
    expect(first.current.id).toBe(deriveKeyId(first.current.key));
    const again = keyringFromConfig(config);
    expect(again.current.key.equals(first.current.key)).toBe(true);
    // Processes starting together agree on one key.
    const racing = Array.from({ length: 5 }, () => readOrCreateKeyFile(path.join(dir, "race", KEY_FILE)));
    expect(new Set(racing.map((k) => k.key.toString("hex"))).size).toBe(1);
  });

  it("refuses a key file that is a link (someone else's key, or a way to read ours)", () => {
    const elsewhere = path.join(dir, "elsewhere.key");
    fs.writeFileSync(elsewhere, `${b64()}\n`, { mode: 0o600 });
    fs.symlinkSync(elsewhere, path.join(dir, KEY_FILE));
    expect(() => keyringFromConfig(parseConfig({ DATA_DIR: dir }))).toThrow(/secrets\.key is a link/);
  });

  it("takes the key, its id and the previous keys from the environment", () => {
    const current = b64();
    const old = b64();
    const older = b64();
    const ring = keyringFromConfig(
      parseConfig({
        NODE_ENV: "production",
        DATABASE_URL: "postgres://db.example/sb",
        DATA_DIR: dir,
        SECRETS_ENCRYPTION_KEY: current,
        SECRETS_ENCRYPTION_KEY_ID: "2026-12",
        SECRETS_ENCRYPTION_PREVIOUS_KEYS: `2026-06:${old}, ${older}`,
      }),
    );
    expect(ring.current).toEqual({ id: "2026-12", key: Buffer.from(current, "base64") });
    expect(ring.previous.map((k) => k.id)).toEqual(["2026-06", deriveKeyId(Buffer.from(older, "base64"))]);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    const reused = parseConfig({
      SECRETS_ENCRYPTION_KEY: current,
      SECRETS_ENCRYPTION_KEY_ID: "k1",
      SECRETS_ENCRYPTION_PREVIOUS_KEYS: `k1:${old}`,
    });
    expect(() => keyringFromConfig(reused)).toThrow(/SECRETS_ENCRYPTION_PREVIOUS_KEYS: key id "k1" is also the current key's/);
  });

  it("a malformed key or list is a configuration error naming the setting", () => {
    expect(() => parseConfig({ SECRETS_ENCRYPTION_KEY: "too-short" })).toThrow(/SECRETS_ENCRYPTION_KEY: must be 32 random bytes/);
    expect(() => parseConfig({ SECRETS_ENCRYPTION_KEY: randomBytes(16).toString("base64") })).toThrow(/SECRETS_ENCRYPTION_KEY/);
    expect(() => parseConfig({ SECRETS_ENCRYPTION_KEY: b64(), SECRETS_ENCRYPTION_PREVIOUS_KEYS: "old:nope" })).toThrow(
      /SECRETS_ENCRYPTION_PREVIOUS_KEYS: must be comma-separated id:key/,
    );
    expect(() => parseConfig({ SECRETS_ENCRYPTION_KEY_ID: "k1" })).toThrow(
      /SECRETS_ENCRYPTION_KEY: required when SECRETS_ENCRYPTION_KEY_ID/,
    );
  });
});
