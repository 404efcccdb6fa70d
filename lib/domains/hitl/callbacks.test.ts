import { describe, expect, it } from "vitest";
import { signPayload } from "@/lib/domains/hitl/callbacks";

describe("signPayload", () => {
  const body = '{"event":"case.answered","case":{"id":"abc"}}';

  // biome-ignore lint/suspicious/noTemplateCurlyInString: the test name quotes the signed string's template as text
  it("is v1= + hex HMAC-SHA256 of `${timestamp}.${body}` (known answer, computed with openssl)", () => {
    expect(signPayload("whsec_test_secret", "1700000000", body)).toBe(
      "v1=443de2be663cb9a0e3c4fd9cd3bc8b6c310b1af951e2b7779a4920acc1f30e7a",
    );
    expect(signPayload("k", "0", "")).toBe("v1=6b4a4b8b3c40f1e8f53a3d36682e5f99f7ad2ac1df1c93dfe336f329167641e7");
  });

  it("changes with the secret, the timestamp and every byte of the body", () => {
    const base = signPayload("whsec_test_secret", "1700000000", body);
    expect(signPayload("whsec_test_secreT", "1700000000", body)).not.toBe(base);
    expect(signPayload("whsec_test_secret", "1700000001", body)).not.toBe(base);
    expect(signPayload("whsec_test_secret", "1700000000", body.replace("abc", "abd"))).not.toBe(base);
    expect(signPayload("whsec_test_secret", "1700000000", `${body} `)).not.toBe(base);
  });
});
