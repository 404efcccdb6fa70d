import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets we must read back (an account's Retell API key, its ntfy token, …) are stored sealed with
 * AES-256-GCM: a fresh 96-bit nonce per value, the 128-bit tag checked on every read. The additional data
 * binds a value to its key id and to where it is stored (table, column, row), so a value copied into
 * another account's row, or relabelled with another key id, is refused rather than used.
 * Hashed secrets (API keys, passwords, OAuth tokens) never come through here: we never read those back.
 */
export type SecretKey = { id: string; key: Buffer };
/** What a process seals with (`current`) and what else it still opens (`previous`, during a rotation). */
export type Keyring = { current: SecretKey; previous: SecretKey[] };
/** A value as stored: the text column and the key-id column beside it (null: written before encryption, still plaintext). */
export type StoredSecret = { value: string; keyId: string | null };

const FORMAT = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Recognised by `code` (never instanceof: Next bundles each route separately). */
export class SecretsError extends Error {
  constructor(
    readonly code: "secret_key_unknown" | "secret_unreadable",
    message: string,
  ) {
    super(message);
    this.name = "SecretsError";
  }
}

const additionalData = (keyId: string, context: string) => Buffer.from(`switchboard-secret:${FORMAT}:${keyId}:${context}`, "utf8");

/** Seals `plaintext` for the place named by `context` (e.g. "retell_credentials.api_key:<account id>"). */
export function sealSecret(ring: Keyring, plaintext: string, context: string): { value: string; keyId: string } {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(ring.current.id, context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [nonce, body, cipher.getAuthTag()].map((b) => b.toString("base64url"));
  return { value: [FORMAT, ...parts].join("."), keyId: ring.current.id };
}

/** The key a value was sealed with, or an error naming the settings that would supply it. */
function keyFor(ring: Keyring, keyId: string): Buffer {
  const found = [ring.current, ...ring.previous].find((k) => k.id === keyId);
  if (found) return found.key;
  throw new SecretsError(
    "secret_key_unknown",
    `A stored secret was encrypted with key "${keyId}", which this process does not have: set it as SECRETS_ENCRYPTION_KEY ` +
      `or list it in SECRETS_ENCRYPTION_PREVIOUS_KEYS (this process seals with "${ring.current.id}").`,
  );
}

/** The plaintext of a stored value; refuses a value that was changed, moved to another row, or sealed with another key. */
export function openSecret(ring: Keyring, stored: StoredSecret, context: string): string {
  // Written before encryption existed: sealed at the next start or by `switchboard secrets reencrypt`.
  if (stored.keyId === null) return stored.value;
  const key = keyFor(ring, stored.keyId);
  const [format, nonce, body, tag, extra] = stored.value.split(".");
  const unreadable = () =>
    new SecretsError(
      "secret_unreadable",
      `The stored secret ${context.split(":")[0]} could not be decrypted with key "${stored.keyId}": it was altered, moved, or that key is not the one it was sealed with.`,
    );
  if (format !== FORMAT || nonce === undefined || body === undefined || tag === undefined || extra !== undefined) throw unreadable();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"), { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(stored.keyId, context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw unreadable();
  }
}

export const isSecretsError = (e: unknown): e is SecretsError =>
  (e as { name?: unknown } | null)?.name === "SecretsError" && typeof (e as { code?: unknown }).code === "string";
