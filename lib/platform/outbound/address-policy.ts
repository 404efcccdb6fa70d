import ipaddr from "ipaddr.js";

/**
 * Which addresses a tenant-chosen URL may reach: global unicast only. The ranges come from ipaddr.js (a kept
 * list of the IANA special-purpose registries) rather than a hand-written table. IPv6 forms that carry an
 * IPv4 address (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4 inside,
 * so ::ffff:127.0.0.1 is loopback; the deprecated IPv4-compatible form (::a.b.c.d), Teredo and the other
 * translation ranges are refused outright, as is anything outside 2000::/3 (the only global unicast block).
 */
export type AddressVerdict = "global" | "loopback" | "refused";

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3") as [ipaddr.IPv6, number];
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96") as [ipaddr.IPv6, number];

function judgeV4(addr: ipaddr.IPv4): AddressVerdict {
  const range = addr.range();
  if (range === "loopback") return "loopback";
  return range === "unicast" ? "global" : "refused";
}

/** Judges one resolved or literal address; anything unparsable is refused. */
export function judgeAddress(address: string): AddressVerdict {
  const text = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(text)) return "refused";
  const addr = ipaddr.parse(text);
  if (addr.kind() === "ipv4") return judgeV4(addr as ipaddr.IPv4);
  const v6 = addr as ipaddr.IPv6;
  if (v6.zoneId) return "refused";
  const range = v6.range();
  if (range === "loopback") return "loopback";
  if (range === "ipv4Mapped") return judgeV4(v6.toIPv4Address());
  const bytes = v6.toByteArray();
  // NAT64 well-known prefix: the IPv4 destination is the last 32 bits (RFC 6052).
  if (range === "rfc6052" && v6.match(ipaddr.parseCIDR("64:ff9b::/96") as [ipaddr.IPv6, number]))
    return judgeV4(new ipaddr.IPv4(bytes.slice(12, 16)));
  // 6to4: the IPv4 address of the relay sits in bits 16–48 (RFC 3056).
  if (range === "6to4") return judgeV4(new ipaddr.IPv4(bytes.slice(2, 6)));
  if (range !== "unicast" || v6.match(IPV4_COMPATIBLE)) return "refused";
  return v6.match(GLOBAL_UNICAST_V6) ? "global" : "refused";
}

/** Whether a connection to `address` is allowed; loopback only when the operator turned it on (tests, local development). */
export function isAddressAllowed(address: string, allowLoopback: boolean): boolean {
  const verdict = judgeAddress(address);
  return verdict === "global" || (verdict === "loopback" && allowLoopback);
}
