import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { isLoopbackHost } from "@/lib/domains/oauth/redirect-uris";

/**
 * Fetching a URL a stranger chose (a client ID metadata document) is a server-side request forgery risk:
 * it could point at the cloud metadata service, a database port or an admin page on the private network.
 * So: https only; every address the name resolves to must be public (checked in the socket's own DNS
 * lookup, so a second resolution cannot swap in a private address); no redirects; at most `maxBytes`
 * and `timeoutMs`. Loopback is allowed only when the operator says so (tests, local development).
 */
const blocked = new net.BlockList();
for (const [net4, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net4, bits, "ipv4");
}
for (const [net6, bits] of [
  ["::", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(net6, bits, "ipv6");
}
const loopback = new net.BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

export class UnsafeFetchError extends Error {}

/** Whether an address may be connected to; IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 inside. */
export function addressAllowed(address: string, allowLoopback: boolean): boolean {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  const fromHex = (h: string, l: string) =>
    [parseInt(h, 16) >> 8, parseInt(h, 16) & 255, parseInt(l, 16) >> 8, parseInt(l, 16) & 255].join(".");
  const addr = dotted ? dotted[1]! : hex ? fromHex(hex[1]!, hex[2]!) : address;
  const family = net.isIPv4(addr) ? "ipv4" : net.isIPv6(addr) ? "ipv6" : null;
  if (!family) return false;
  if (loopback.check(addr, family)) return allowLoopback;
  return !blocked.check(addr, family);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

function guardedLookup(allowLoopback: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = addresses.find((a) => !addressAllowed(a.address, allowLoopback));
      if (bad || addresses.length === 0)
        return callback(new UnsafeFetchError(`${hostname} resolves to a private or reserved address`) as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** GETs a JSON document under the rules above; resolves to the parsed body, or throws UnsafeFetchError saying why not. */
export async function fetchPublicJson(
  rawUrl: string,
  opts: { allowLoopback: boolean; maxBytes: number; timeoutMs: number },
): Promise<unknown> {
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const loopbackTarget = isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && opts.allowLoopback && loopbackTarget))
    throw new UnsafeFetchError("must be an https URL");
  if (net.isIP(host) && !addressAllowed(host, opts.allowLoopback)) throw new UnsafeFetchError(`${host} is a private or reserved address`);
  if (host === "localhost" && !opts.allowLoopback) throw new UnsafeFetchError("localhost is not allowed");
  const mod = url.protocol === "https:" ? https : http;
  const text = await new Promise<string>((resolve, reject) => {
    const req = mod.get(
      url,
      { lookup: guardedLookup(opts.allowLoopback) as never, headers: { accept: "application/json" }, timeout: opts.timeoutMs },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(
            new UnsafeFetchError(
              `answered HTTP ${res.statusCode}${res.statusCode && res.statusCode >= 300 && res.statusCode < 400 ? " (redirects are not followed)" : ""}`,
            ),
          );
        }
        let size = 0;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > opts.maxBytes) {
            req.destroy(new UnsafeFetchError(`is larger than ${opts.maxBytes} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        res.on("error", reject);
      },
    );
    const deadline = setTimeout(() => req.destroy(new UnsafeFetchError(`did not answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on("close", () => clearTimeout(deadline));
    req.on("timeout", () => req.destroy(new UnsafeFetchError(`did not answer within ${opts.timeoutMs} ms`)));
    req.on("error", (e) =>
      reject(
        e instanceof UnsafeFetchError
          ? e
          : new UnsafeFetchError(`could not be fetched (${(e as NodeJS.ErrnoException).code ?? e.message})`),
      ),
    );
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new UnsafeFetchError("is not JSON");
  }
}
