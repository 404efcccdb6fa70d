import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Twilio's request signature (X-Twilio-Signature): HMAC-SHA1 with the account's auth token over the full URL
 * Twilio requested followed by each POST parameter's name and value, sorted by name; base64.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string | string[]>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => {
      const v = params[k]!;
      return (
        acc +
        (Array.isArray(v)
          ? [...v]
              .sort()
              .map((x) => k + x)
              .join("")
          : k + v)
      );
    }, url);
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

/** The same URL with and without the scheme's default port: Twilio signs whichever form it was given. */
function urlForms(url: string): string[] {
  const u = new URL(url);
  const defaultPort = u.protocol === "https:" ? "443" : "80";
  if (u.port) return [url, url.replace(`${u.hostname}:${u.port}`, u.hostname)];
  return [url, url.replace(u.host, `${u.hostname}:${defaultPort}`)];
}

/** Whether `signature` is Twilio's for this request, compared in constant time. */
export function verifyTwilioSignature(authToken: string, signature: string | null, url: string, params: Record<string, string>): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature);
  return urlForms(url).some((form) => {
    const expected = Buffer.from(twilioSignature(authToken, form, params));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
