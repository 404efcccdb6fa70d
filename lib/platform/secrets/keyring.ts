import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, getConfig, type Config } from "@/lib/platform/config/env";
import { lazy, settingsKey } from "@/lib/platform/lazy";
import type { Keyring, SecretKey } from "@/lib/platform/secrets/secret-box";

/** Where the embedded default keeps its key, beside the database it protects. */
export const KEY_FILE = "secrets.key";

/** A key's name when none is given: stable, and says nothing about the key (a 32-bit slice of its SHA-256). */
export const deriveKeyId = (key: Buffer) => `k-${createHash("sha256").update(key).digest("hex").slice(0, 8)}`;

const toKey = (text: string, id?: string): SecretKey => {
  const key = Buffer.from(text.trim(), "base64");
  return { id: id ?? deriveKeyId(key), key };
};

function previousKeys(c: Config): SecretKey[] {
  return (c.SECRETS_ENCRYPTION_PREVIOUS_KEYS ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => {
      const at = e.lastIndexOf(":");
      return at < 0 ? toKey(e) : toKey(e.slice(at + 1), e.slice(0, at));
    });
}

/**
 * The embedded default's key: created once (0600, never through a link someone left there) and kept, so
 * `npm run dev` needs no setting. Written to a private temporary file and linked into place, so a second
 * process starting at the same moment reads either nothing yet (and links its own, losing the race) or
 * the whole key — never half of one.
 */
export function readOrCreateKeyFile(file: string): SecretKey {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    return readKeyFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
  try {
    fs.writeSync(fd, `${randomBytes(32).toString("base64")}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    fs.unlinkSync(temp);
  }
  return readKeyFile(file);
}

function readKeyFile(file: string): SecretKey {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ELOOP") throw e;
    throw new ConfigError([`SECRETS_ENCRYPTION_KEY: ${file} is a link, not the key file; remove it or set SECRETS_ENCRYPTION_KEY`]);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile())
      throw new ConfigError([`SECRETS_ENCRYPTION_KEY: ${file} is not a regular file; remove it or set SECRETS_ENCRYPTION_KEY`]);
    const text = fs.readFileSync(fd, "utf8").trim();
    const key = Buffer.from(text, "base64");
    if (key.length !== 32)
      throw new ConfigError([
        `SECRETS_ENCRYPTION_KEY: ${file} does not hold a base64 32-byte key; restore it from a backup or set SECRETS_ENCRYPTION_KEY`,
      ]);
    return { id: deriveKeyId(key), key };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The keys this configuration seals and opens secrets with. With DATABASE_URL in production the key must
 * come from the environment: every instance on the database needs the same one, and a key generated on
 * one machine's disk would make the others unable to read what it wrote.
 */
export function keyringFromConfig(c: Config): Keyring {
  const previous = previousKeys(c);
  if (c.SECRETS_ENCRYPTION_KEY) {
    const current = toKey(c.SECRETS_ENCRYPTION_KEY, c.SECRETS_ENCRYPTION_KEY_ID);
    // Two keys under one id: values sealed with the old one would be tried with the new one and refused.
    const clash = previous.find((k) => k.id === current.id && !k.key.equals(current.key));
    if (clash)
      throw new ConfigError([
        `SECRETS_ENCRYPTION_PREVIOUS_KEYS: key id "${clash.id}" is also the current key's (SECRETS_ENCRYPTION_KEY_ID); give the new key a new id`,
      ]);
    return { current, previous };
  }
  if (c.DATABASE_URL && (c.NODE_ENV === "production" || c.VERCEL))
    throw new ConfigError([
      "SECRETS_ENCRYPTION_KEY: required with DATABASE_URL in production — the Retell API keys, ntfy tokens, Chronogolf " +
        "credentials and callback signing secrets in the database are encrypted with it. Generate one with " +
        "`openssl rand -base64 32` and give every instance the same value.",
    ]);
  return { current: readOrCreateKeyFile(path.resolve(c.DATA_DIR, KEY_FILE)), previous };
}

/** The process's keyring, built on first use (a missing key fails here, naming the setting) and when the settings change. */
export function processKeyring(config: Config = getConfig()): Keyring {
  const settings = [
    config.SECRETS_ENCRYPTION_KEY,
    config.SECRETS_ENCRYPTION_KEY_ID,
    config.SECRETS_ENCRYPTION_PREVIOUS_KEYS,
    !!config.DATABASE_URL,
    config.NODE_ENV,
    config.DATA_DIR,
  ];
  // Hashed: the cache key should not be one more copy of the key material.
  const key = createHash("sha256").update(settingsKey(settings)).digest("hex");
  return lazy("secretsKeyring", key, () => keyringFromConfig(config));
}
