import { describe, expect, it } from "vitest";
import { sign, verify } from "retell-sdk";
import { symmetric } from "retell-sdk/lib/webhook_auth";
import { verifyRetellSignature } from "@/lib/transports/agent-platforms/retell/signature";

/**
 * Our X-Retell-Signature check against retell-sdk as the peer — its published test vector
 * (tests/webhook-auth.test.ts in retell-typescript-sdk), its signer, and its verifier on the same inputs.
 */
const VECTOR = {
  body: '{"event":"call_ended"}',
  apiKey: "test-api-key",
  timestamp: 1_700_000_000_000,
  digest: "07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e",
};
const bytes = (s: string) => new TextEncoder().encode(s);
const MIN = 60_000;

describe("X-Retell-Signature (retell-sdk as the peer)", () => {
  it("accepts retell-sdk's published test vector, and the SDK still produces it", async () => {
    const header = `v=${VECTOR.timestamp},d=${VECTOR.digest}`;
    expect(await symmetric.sign(VECTOR.body, VECTOR.apiKey, VECTOR.timestamp)).toBe(header);
    expect(verifyRetellSignature(bytes(VECTOR.body), VECTOR.apiKey, header, VECTOR.timestamp)).toBe(true);
    expect(verifyRetellSignature(bytes(VECTOR.body), VECTOR.apiKey, header, VECTOR.timestamp + 5 * MIN)).toBe(true);
    expect(verifyRetellSignature(bytes(VECTOR.body), VECTOR.apiKey, header, VECTOR.timestamp + 5 * MIN + 1)).toBe(false);
    expect(verifyRetellSignature(bytes(VECTOR.body), VECTOR.apiKey, header, VECTOR.timestamp - 5 * MIN - 1)).toBe(false);
  });

  it("agrees with the SDK's (awaited) verify on accented bodies, wrong keys, tampering, staleness and malformed headers", async () => {
    const body = JSON.stringify({ name: "ask_human", args: { question: "¿Está abierta la sucursal de Élysée? 🙂" } });
    const now = Date.now();
    const good = await sign(body, "key_retell_A");
    const cases: Array<[string, string, string, number]> = [
      [body, "key_retell_A", good, now],
      [body, "key_retell_B", good, now],
      [`${body} `, "key_retell_A", good, now],
      [body, "key_retell_A", await symmetric.sign(body, "key_retell_A", now - 6 * MIN), now],
      [body, "key_retell_A", good.replace("v=", "t="), now],
      [body, "key_retell_A", `${good}00`, now],
      [body, "key_retell_A", "", now],
    ];
    const ours = cases.map(([b, k, s, t]) => verifyRetellSignature(bytes(b), k, s, t));
    const sdk = await Promise.all(cases.map(([b, k, s, t]) => symmetric.verify(b, k, s, { timestamp: t })));
    expect(ours).toEqual(sdk);
    expect(ours).toEqual([true, false, false, false, false, false, false]);
  });

  it("is synchronous: a wrong key is the boolean false, not a Promise (the SDK's un-awaited verify is always truthy)", async () => {
    const body = '{"name":"ask_human"}';
    const sig = await sign(body, "key_retell_A");
    const unawaited = verify(body, "a-wrong-key", sig) as unknown;
    expect(unawaited).toBeInstanceOf(Promise);
    expect(Boolean(unawaited)).toBe(true); // the trap: `if (!Retell.verify(...))` never rejects
    expect(await unawaited).toBe(false);
    expect(verifyRetellSignature(bytes(body), "a-wrong-key", sig)).toBe(false);
    expect(verifyRetellSignature(bytes(body), "key_retell_A", sig)).toBe(true);
  });

  it("covers the raw bytes: a body re-serialised after parsing does not carry the signature of what was sent", async () => {
    const raw = '{"name":"ask_human","args":{"question":"Caf\\u00e9 ouvert dimanche ?"}}';
    const sig = await sign(raw, "key_retell_A");
    expect(verifyRetellSignature(bytes(raw), "key_retell_A", sig)).toBe(true);
    const reserialised = JSON.stringify(JSON.parse(raw)); // "Café …": different bytes
    expect(reserialised).not.toBe(raw);
    expect(verifyRetellSignature(bytes(reserialised), "key_retell_A", sig)).toBe(false);
  });
});
