import { describe, expect, it } from "vitest";
import { isAddressAllowed, judgeAddress } from "@/lib/platform/outbound/address-policy";

describe("outbound address policy: global unicast only", () => {
  it("public IPv4 and IPv6 are global", () => {
    for (const a of ["8.8.8.8", "93.184.216.34", "2606:4700::1111", "2a00:1450:4001:80b::200e"]) expect(judgeAddress(a), a).toBe("global");
  });

  it("private, link-local (cloud metadata), carrier NAT, reserved, multicast, broadcast and 0.0.0.0 are refused", () => {
    for (const a of [
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "0.1.2.3",
      "192.0.0.1",
      "192.0.2.1",
      "198.18.0.1",
      "240.0.0.1",
      "224.0.0.1",
      "255.255.255.255",
    ])
      expect(judgeAddress(a), a).toBe("refused");
  });

  it("IPv6: unspecified, unique-local, link-local, site-local, multicast, documentation, Teredo and non-2000::/3 are refused", () => {
    for (const a of ["::", "fd00::1", "fc00::1", "fe80::1", "fec0::1", "ff02::1", "2001:db8::1", "2001::1", "4000::1", "fe80::1%eth0"])
      expect(judgeAddress(a), a).toBe("refused");
  });

  it("IPv6 forms that carry an IPv4 address are judged by it: mapped, NAT64 (64:ff9b::/96), 6to4 (2002::/16)", () => {
    expect(judgeAddress("::ffff:127.0.0.1")).toBe("loopback");
    expect(judgeAddress("::ffff:7f00:1")).toBe("loopback");
    expect(judgeAddress("::ffff:a9fe:a9fe")).toBe("refused");
    expect(judgeAddress("::ffff:10.0.0.1")).toBe("refused");
    expect(judgeAddress("::ffff:8.8.8.8")).toBe("global");
    expect(judgeAddress("64:ff9b::a9fe:a9fe")).toBe("refused");
    expect(judgeAddress("64:ff9b::808:808")).toBe("global");
    expect(judgeAddress("64:ff9b:1::1")).toBe("refused"); // local-use NAT64 prefix
    expect(judgeAddress("2002:a00:1::1")).toBe("refused"); // 6to4 of 10.0.0.1
    expect(judgeAddress("2002:7f00:1::1")).toBe("loopback");
    expect(judgeAddress("2002:808:808::1")).toBe("global");
    expect(judgeAddress("::127.0.0.1")).toBe("loopback"); // IPv4-compatible, judged by the IPv4 inside
  });

  it("loopback only when the operator allows it; garbage never", () => {
    for (const a of ["127.0.0.1", "127.5.6.7", "::1", "[::1]", "::ffff:127.0.0.1"]) {
      expect(isAddressAllowed(a, false), a).toBe(false);
      expect(isAddressAllowed(a, true), a).toBe(true);
    }
    for (const a of ["10.0.0.1", "169.254.169.254", "fd00::1", "0.0.0.0"]) expect(isAddressAllowed(a, true), a).toBe(false);
    for (const a of ["", "localhost", "example.com", "1.2.3.4.5"]) expect(isAddressAllowed(a, true), a).toBe(false);
  });
});
