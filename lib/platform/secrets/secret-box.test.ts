import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret, type Keyring } from "@/lib/platform/secrets/secret-box";

const key = (id: string) => ({ id, key: randomBytes(32) });
const ring = (current = key("a"), previous: Keyring["previous"] = []): Keyring => ({ current, previous });
const CONTEXT = "retell_credentials.api_key:0f6f6b1e-0000-4000-8000-000000000001";
const SECRET = "key_live_0123456789abcdef";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return "no error";
};

describe("the secret box (AES-256-GCM)", () => {
  it("round-trips, with a fresh nonce each time and no trace of the plaintext", () => {
    const r = ring();
    const a = sealSecret(r, SECRET, CONTEXT);
    const b = sealSecret(r, SECRET, CONTEXT);
    expect(a.keyId).toBe("a");
    expect(a.value).not.toBe(b.value);
    expect(a.value).not.toContain(SECRET);
    expect(Buffer.from(a.value.split(".")[2]!, "base64url").toString("latin1")).not.toContain(SECRET);
    expect(openSecret(r, a, CONTEXT)).toBe(SECRET);
    expect(openSecret(r, sealSecret(r, "", CONTEXT), CONTEXT)).toBe("");
    expect(openSecret(r, sealSecret(r, "ünï ☎", CONTEXT), CONTEXT)).toBe("ünï ☎");
  });

  it("refuses the wrong key under the same id", () => {
    const sealed = sealSecret(ring(key("a")), SECRET, CONTEXT);
    expect(codeOf(() => openSecret(ring(key("a")), sealed, CONTEXT))).toBe("secret_unreadable");
  });

  it("names a key it does not have and the settings that would supply it", () => {
    const sealed = sealSecret(ring(key("old")), SECRET, CONTEXT);
    expect(() => openSecret(ring(key("new")), sealed, CONTEXT)).toThrow(
      /key "old".*SECRETS_ENCRYPTION_KEY.*SECRETS_ENCRYPTION_PREVIOUS_KEYS/,
    );
  });

  it("refuses tampered ciphertext, tag, nonce or format", () => {
    const r = ring();
    const sealed = sealSecret(r, SECRET, CONTEXT);
    const [v, nonce, body, tag] = sealed.value.split(".") as [string, string, string, string];
    const flip = (s: string) => {
      const b = Buffer.from(s, "base64url");
      b[0]! ^= 1;
      return b.toString("base64url");
    };
    for (const value of [
      [v, nonce, flip(body), tag].join("."),
      [v, nonce, body, flip(tag)].join("."),
      [v, flip(nonce), body, tag].join("."),
      [v, nonce, body].join("."),
      ["v0", nonce, body, tag].join("."),
      `${sealed.value}.x`,
    ])
      expect(codeOf(() => openSecret(r, { value, keyId: "a" }, CONTEXT))).toBe("secret_unreadable");
  });

  it("refuses a value moved to another row or column, or relabelled with another key id", () => {
    const a = key("a");
    const b = { id: "b", key: a.key };
    const r = ring(a, [b]);
    const sealed = sealSecret(r, SECRET, CONTEXT);
    expect(codeOf(() => openSecret(r, sealed, "retell_credentials.api_key:another-account"))).toBe("secret_unreadable");
    expect(codeOf(() => openSecret(r, sealed, "notify_settings.access_token:0f6f6b1e-0000-4000-8000-000000000001"))).toBe(
      "secret_unreadable",
    );
    expect(codeOf(() => openSecret(r, { ...sealed, keyId: "b" }, CONTEXT))).toBe("secret_unreadable");
  });

  it("opens with a previous key during a rotation, and seals with the current one", () => {
    const old = key("old");
    const sealed = sealSecret(ring(old), SECRET, CONTEXT);
    const rotated = ring(key("new"), [old]);
    expect(openSecret(rotated, sealed, CONTEXT)).toBe(SECRET);
    expect(sealSecret(rotated, SECRET, CONTEXT).keyId).toBe("new");
  });

  it("reads a value stored before encryption (no key id) as it is", () => {
    expect(openSecret(ring(), { value: "whsec_legacy", keyId: null }, CONTEXT)).toBe("whsec_legacy");
  });
});
