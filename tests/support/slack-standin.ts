/**
 * A local stand-in for Slack, both ways (https://docs.slack.dev/reference/methods,
 * https://docs.slack.dev/reference/interaction-payloads):
 * - the Web API at `<url>/api/<method>`: auth.test, chat.postMessage, chat.update, chat.postEphemeral,
 *   views.open, views.update, users.lookupByEmail. It CHECKS what it is sent: POST only, the bot token as
 *   `Authorization: Bearer` (else `{ok:false, error:"not_authed"|"invalid_auth"}` as Slack answers, HTTP 200),
 *   form or JSON bodies with Slack's required arguments (`channel`; `text` or `blocks` as a JSON array; `ts`
 *   of a message it posted; `trigger_id` it issued, within 3 s of the action; `view` a JSON object);
 * - interactivity requests to the app, as Slack sends them: `payload=<json>` form-encoded, signed with the
 *   app's signing secret (v0 HMAC-SHA256 over `v0:<timestamp>:<body>`), for block_actions and view_submission.
 */
import { createHmac, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

type Json = Record<string, unknown>;
export type SlackMessage = { channel: string; ts: string; text: string; blocks: Json[]; updates: number };
export type SlackStandin = {
  url: string;
  apiUrl: string;
  botToken: string;
  signingSecret: string;
  teamId: string;
  channelId: string;
  messages: Map<string, SlackMessage>;
  ephemerals: { channel: string; user: string; text: string }[];
  views: { triggerId: string; view: Json; viewId: string }[];
  calls: { method: string; ok: boolean; error?: string }[];
  /**
   * Errors to give, in order, to the next calls of these methods: `ratelimited` as Slack sends it (HTTP 429 with
   * Retry-After), any other code as `{ok:false, error}` with HTTP 200 (e.g. `channel_not_found`).
   */
  failures: { method: string; error: string }[];
  users: Map<string, string>;
  /** Resolves with the first message matching `pred`, checked as calls arrive. */
  waitFor(pred: (s: SlackStandin) => boolean, timeoutMs?: number): Promise<void>;
  /** Signs and sends an interaction payload to the app's Request URL through `send`; returns its response. */
  interact(
    payload: Json,
    send: (req: Request) => Promise<Response>,
    opts?: { target?: string; secret?: string; ageSeconds?: number },
  ): Promise<Response>;
  blockAction(user: string, action: { action_id: string; value: string }, where?: { message?: SlackMessage; viewId?: string }): Json;
  viewSubmission(user: string, viewId: string, text: string): Json;
  close(): Promise<void>;
};

const randomId = (prefix: string) => `${prefix}${randomBytes(5).toString("hex").toUpperCase()}`;

export function signSlack(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export async function startSlackStandin(): Promise<SlackStandin> {
  const botToken = `xoxb-${randomBytes(8).toString("hex")}-${randomBytes(8).toString("hex")}`;
  const signingSecret = randomBytes(16).toString("hex");
  const teamId = randomId("T");
  const channelId = randomId("C");
  const messages = new Map<string, SlackMessage>();
  const ephemerals: SlackStandin["ephemerals"] = [];
  const views: SlackStandin["views"] = [];
  const calls: SlackStandin["calls"] = [];
  const failures: SlackStandin["failures"] = [];
  const users = new Map<string, string>();
  const triggers = new Map<string, number>();
  const waiters: { pred: (s: SlackStandin) => boolean; resolve: () => void }[] = [];
  let seq = 1_700_000_000;

  const args = (raw: string, type: string | undefined): Json => {
    if (type?.includes("application/json")) return JSON.parse(raw || "{}") as Json;
    const form = Object.fromEntries(new URLSearchParams(raw));
    // The SDK sends structured arguments (blocks, view) as JSON strings inside the form.
    for (const k of ["blocks", "view"]) if (typeof form[k] === "string") (form as Json)[k] = JSON.parse(form[k] as string);
    return form;
  };

  function handle(method: string, a: Json): Json {
    const fail = (error: string) => ({ ok: false, error });
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://standin.slack.test/", team: "Standin", user: "switchboard", team_id: teamId, user_id: "UBOT" };
      case "chat.postMessage": {
        if (typeof a.channel !== "string" || !a.channel) return fail("channel_not_found");
        if (!a.text && !Array.isArray(a.blocks)) return fail("no_text");
        if (a.blocks !== undefined && !Array.isArray(a.blocks)) return fail("invalid_blocks");
        const ts = `${++seq}.000100`;
        const m = { channel: a.channel, ts, text: String(a.text ?? ""), blocks: (a.blocks as Json[]) ?? [], updates: 0 };
        messages.set(ts, m);
        return { ok: true, channel: a.channel, ts, message: { text: m.text, ts } };
      }
      case "chat.update": {
        const m = messages.get(String(a.ts));
        if (!m || m.channel !== a.channel) return fail("message_not_found");
        if (a.blocks !== undefined && !Array.isArray(a.blocks)) return fail("invalid_blocks");
        Object.assign(m, { text: String(a.text ?? m.text), blocks: (a.blocks as Json[]) ?? m.blocks, updates: m.updates + 1 });
        return { ok: true, channel: m.channel, ts: m.ts, text: m.text };
      }
      case "chat.postEphemeral":
        if (typeof a.channel !== "string" || typeof a.user !== "string") return fail("invalid_arguments");
        ephemerals.push({ channel: a.channel, user: a.user, text: String(a.text ?? "") });
        return { ok: true, message_ts: `${++seq}.000200` };
      case "views.open": {
        const issued = triggers.get(String(a.trigger_id));
        if (issued === undefined || Date.now() - issued > 3000) return fail("expired_trigger_id");
        const view = a.view as Json;
        if (view?.type !== "modal" || !Array.isArray(view.blocks)) return fail("invalid_arguments");
        const viewId = randomId("V");
        views.push({ triggerId: String(a.trigger_id), view, viewId });
        return { ok: true, view: { id: viewId, ...view } };
      }
      case "views.update": {
        const v = views.find((x) => x.viewId === a.view_id);
        if (!v) return fail("not_found");
        v.view = a.view as Json;
        return { ok: true, view: { id: v.viewId } };
      }
      case "users.lookupByEmail": {
        const id = users.get(String(a.email).toLowerCase());
        return id ? { ok: true, user: { id, team_id: teamId, name: id.toLowerCase(), real_name: `Slack ${id}` } } : fail("users_not_found");
      }
      default:
        return fail("unknown_method");
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0]!;
      let out: Json;
      if (req.method !== "POST") out = { ok: false, error: "invalid_request" };
      else {
        const auth = req.headers.authorization;
        const a = (() => {
          try {
            return args(Buffer.concat(chunks).toString("utf8"), req.headers["content-type"]);
          } catch {
            return null;
          }
        })();
        const token = auth?.startsWith("Bearer ") ? auth.slice(7) : (a?.token as string | undefined);
        if (!a) out = { ok: false, error: "invalid_json" };
        else if (!token) out = { ok: false, error: "not_authed" };
        else if (token !== botToken) out = { ok: false, error: "invalid_auth" };
        else {
          const failure = failures.findIndex((f) => f.method === method);
          out = failure >= 0 ? { ok: false, error: failures.splice(failure, 1)[0]!.error } : handle(method, a);
        }
      }
      calls.push({ method, ok: out.ok === true, ...(out.ok ? {} : { error: String(out.error) }) });
      if (out.error === "ratelimited") res.writeHead(429, { "content-type": "application/json; charset=utf-8", "retry-after": "1" });
      else res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(out));
      for (const w of [...waiters]) if (w.pred(standin)) waiters.splice(waiters.indexOf(w), 1), w.resolve();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const standin: SlackStandin = {
    url,
    apiUrl: `${url}/api/`,
    botToken,
    signingSecret,
    teamId,
    channelId,
    messages,
    ephemerals,
    views,
    calls,
    failures,
    users,
    waitFor(pred, timeoutMs = 5000) {
      if (pred(standin)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: () => (clearTimeout(t), resolve()) };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error("Slack stand-in: nothing matched in time"));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    async interact(payload, send, opts = {}) {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const timestamp = String(Math.floor(Date.now() / 1000) - (opts.ageSeconds ?? 0));
      return send(
        new Request(opts.target ?? "http://127.0.0.1:3000/", {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": signSlack(opts.secret ?? signingSecret, timestamp, body),
          },
          body,
        }),
      );
    },
    blockAction(user, action, where = {}) {
      const triggerId = `${++seq}.${randomBytes(4).toString("hex")}`;
      triggers.set(triggerId, Date.now());
      return {
        type: "block_actions",
        team: { id: teamId, domain: "standin" },
        user: { id: user, username: user.toLowerCase(), team_id: teamId },
        api_app_id: "A0STANDIN",
        token: "verification-token-unused",
        trigger_id: triggerId,
        ...(where.viewId
          ? { container: { type: "view", view_id: where.viewId }, view: { id: where.viewId, type: "modal", private_metadata: "" } }
          : {
              container: { type: "message", message_ts: where.message?.ts, channel_id: channelId, is_ephemeral: false },
              channel: { id: channelId, name: "escalations" },
              message: where.message ? { ts: where.message.ts, text: where.message.text, blocks: where.message.blocks } : undefined,
            }),
        response_url: `${url}/actions/${randomBytes(4).toString("hex")}`,
        actions: [{ type: "button", block_id: "case", action_ts: `${seq}.0`, text: { type: "plain_text", text: "…" }, ...action }],
      };
    },
    viewSubmission(user, viewId, text) {
      const v = views.find((x) => x.viewId === viewId);
      if (!v) throw new Error("Slack stand-in: no such view");
      const values: Record<string, Record<string, Json>> = {};
      for (const b of v.view.blocks as Json[]) {
        if (b.type === "input") {
          const el = b.element as Json;
          values[String(b.block_id)] = { [String(el.action_id)]: { type: "plain_text_input", value: text } };
        }
      }
      return {
        type: "view_submission",
        team: { id: teamId, domain: "standin" },
        user: { id: user, username: user.toLowerCase(), team_id: teamId },
        api_app_id: "A0STANDIN",
        token: "verification-token-unused",
        trigger_id: `${++seq}.${randomBytes(4).toString("hex")}`,
        view: {
          id: viewId,
          team_id: teamId,
          type: "modal",
          callback_id: v.view.callback_id,
          private_metadata: v.view.private_metadata ?? "",
          hash: randomBytes(6).toString("hex"),
          blocks: v.view.blocks,
          state: { values },
        },
        response_urls: [],
      };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  return standin;
}
