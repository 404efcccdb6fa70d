/**
 * A local stand-in for Twilio's Messaging API, both ways
 * (https://www.twilio.com/docs/messaging/api/message-resource, https://www.twilio.com/docs/usage/webhooks/webhooks-security):
 * - `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, HTTP Basic with the Account SID and
 *   auth token. It CHECKS what it is sent: wrong credentials → 401 `{code: 20003}`; the path's SID must be the
 *   credential's; `To` and `From` E.164 (else 400 `{code: 21211 | 21212}`), `Body` 1–1600 characters
 *   (400 `{code: 21602}`); success is 201 with the message resource (`sid` SM…, `status: "queued"`);
 * - incoming messages as Twilio posts them to the app's webhook: the form (MessageSid, AccountSid, From, To,
 *   Body, NumMedia, …) signed with X-Twilio-Signature by the official `twilio` package, the peer.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";

export type SentSms = { sid: string; to: string; from: string; body: string };
export type TwilioStandin = {
  url: string;
  accountSid: string;
  authToken: string;
  fromNumber: string;
  sent: SentSms[];
  /**
   * Refusals to give, in order, to the next messages to these numbers, as Twilio answers them: 429
   * `{code: 20429}`, 503 `{code: 20503}`, or 400 `{code: 21610}` (the recipient unsubscribed).
   */
  failures: { to: string; status: 429 | 503 | 400 }[];
  waitFor(pred: (m: SentSms) => boolean, timeoutMs?: number): Promise<SentSms>;
  /** A member's reply, posted to `webhookUrl` through `send` as Twilio would, signed with `authToken` (or another). */
  reply(
    webhookUrl: string,
    from: string,
    body: string,
    send: (req: Request) => Promise<Response>,
    opts?: { authToken?: string },
  ): Promise<Response>;
  close(): Promise<void>;
};

const E164 = /^\+[1-9]\d{6,14}$/;

export async function startTwilioStandin(): Promise<TwilioStandin> {
  const accountSid = `AC${randomBytes(16).toString("hex")}`;
  const authToken = randomBytes(16).toString("hex");
  const fromNumber = "+15550001000";
  const sent: SentSms[] = [];
  const failures: TwilioStandin["failures"] = [];
  const waiters: { pred: (m: SentSms) => boolean; resolve: (m: SentSms) => void }[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? "");
      if (req.method !== "POST" || !m) return reply(404, { code: 20404, message: "The requested resource was not found", status: 404 });
      const [user, pass] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64")
        .toString()
        .split(":");
      if (user !== accountSid || pass !== authToken || m[1] !== accountSid)
        return reply(401, { code: 20003, message: "Authenticate", status: 401 });
      if (!req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded"))
        return reply(400, { code: 20001, message: "Form body expected", status: 400 });
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const to = form.get("To") ?? "";
      const from = form.get("From") ?? "";
      const body = form.get("Body") ?? "";
      if (!E164.test(to)) return reply(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
      if (from !== fromNumber)
        return reply(400, { code: 21212, message: `The 'From' number ${from} is not a valid phone number.`, status: 400 });
      if (body.length < 1 || body.length > 1600) return reply(400, { code: 21602, message: "Message body is required.", status: 400 });
      const failure = failures.findIndex((f) => f.to === to);
      if (failure >= 0) {
        const { status } = failures.splice(failure, 1)[0]!;
        if (status === 429) return reply(429, { code: 20429, message: "Too Many Requests", status });
        if (status === 503) return reply(503, { code: 20503, message: "Service Unavailable", status });
        return reply(400, { code: 21610, message: "Attempt to send to unsubscribed recipient", status });
      }
      const sms = { sid: `SM${randomBytes(16).toString("hex")}`, to, from, body };
      sent.push(sms);
      reply(201, { sid: sms.sid, account_sid: accountSid, to, from, body, status: "queued", num_segments: "1", direction: "outbound-api" });
      for (const w of [...waiters]) if (w.pred(sms)) waiters.splice(waiters.indexOf(w), 1), w.resolve(sms);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    accountSid,
    failures,
    authToken,
    fromNumber,
    sent,
    waitFor(pred, timeoutMs = 5000) {
      const hit = sent.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (m: SentSms) => (clearTimeout(t), resolve(m)) };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error("Twilio stand-in: no matching SMS in time"));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    async reply(webhookUrl, from, body, send, opts = {}) {
      const params = {
        MessageSid: `SM${randomBytes(16).toString("hex")}`,
        SmsSid: `SM${randomBytes(16).toString("hex")}`,
        AccountSid: accountSid,
        MessagingServiceSid: "",
        From: from,
        To: fromNumber,
        Body: body,
        NumMedia: "0",
        NumSegments: "1",
        SmsStatus: "received",
        ApiVersion: "2010-04-01",
      };
      const signature = twilio.getExpectedTwilioSignature(opts.authToken ?? authToken, webhookUrl, params);
      return send(
        new Request(webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
          body: new URLSearchParams(params).toString(),
        }),
      );
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
