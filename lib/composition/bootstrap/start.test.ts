import { describe, expect, it } from "vitest";
import { startupWarnings } from "@/lib/composition/bootstrap/start";

describe("start-up warnings", () => {
  it("warns when loopback is open to outbound requests in production, naming the setting", () => {
    const [w, ...rest] = startupWarnings({ NODE_ENV: "production", OUTBOUND_ALLOW_LOOPBACK: true });
    expect(rest).toEqual([]);
    expect(w?.setting).toBe("OUTBOUND_ALLOW_LOOPBACK");
    expect(w?.message).toMatch(/OUTBOUND_ALLOW_LOOPBACK is on in production/);
  });

  it("says nothing for development, or for production with loopback closed", () => {
    expect(startupWarnings({ NODE_ENV: "development", OUTBOUND_ALLOW_LOOPBACK: true })).toEqual([]);
    expect(startupWarnings({ NODE_ENV: "production", OUTBOUND_ALLOW_LOOPBACK: false })).toEqual([]);
  });
});
