/**
 * A local stand-in for the Lightspeed Golf (Chronogolf) Partner API v2, as documented
 * (partner-api.docs.chronogolf.com): OAuth 2.0 refresh-token grant, JSON:API resources.
 *
 * - `POST /oauth/token` with a form body `client_id&client_secret&refresh_token&grant_type=refresh_token&redirect_uri`
 *   (secrets in the query string are a violation): checks every parameter; answers `{access_token, token_type, expires_in, refresh_token}` and rotates the refresh
 *   token (the old one stops working), as the API does; the new access token retires the one before it.
 * - Every API request needs `Authorization: Bearer <current access token>` (else 401) and
 *   `Accept: application/vnd.api+json`; writes need `Content-Type: application/vnd.api+json` and a body
 *   `{data: {type, attributes?, relationships?}}` of the right type. A request that breaks the documented
 *   shape gets 400 `{errors:[{status, code, detail}]}` and is listed in `violations`.
 * - `GET /partner_api/v2/organizations/:org/courses`, `.../teetimes?filter[course]&filter[date]&page[number]&page[size]`
 *   (paginated, `meta.total_pages`), `POST .../customers`, `.../reservation_requests` (relationship
 *   `teetime`), `.../round_requests` (relationship `reservation_request`, then `customer` or a `guest`),
 *   `.../reservations` (relationship `reservation_request`: takes one slot per round, 422 when the tee time
 *   has too few), `DELETE /partner_api/v2/reservations/:id` (frees the slots; 404 when unknown).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const JSON_API = "application/vnd.api+json";
type Teetime = { id: string; courseId: string; date: string; start_time: string; free_slots: number; green_fee: number };
type Request_ = { id: string; teetimeId: string; holes: number; rounds: Array<{ customerId?: string; guest?: unknown }> };

export function startChronogolfStandin(opts: { organizationId: string; clientId: string; clientSecret: string; refreshToken: string }) {
  const state = {
    refreshToken: opts.refreshToken,
    accessToken: "",
    courses: [] as Array<{ id: string; name: string; holes: number }>,
    teetimes: [] as Teetime[],
    customers: new Map<string, Record<string, unknown>>(),
    requests: new Map<string, Request_>(),
    reservations: new Map<string, { teetimeId: string; rounds: number }>(),
    violations: [] as string[],
    log: [] as Array<{ method: string; path: string; status: number }>,
    /** Every token request that had the right shape (whatever its credentials). */
    tokenRequests: 0,
    failWith: undefined as number | undefined,
    /**
     * When set, a token request is held until a second one arrives or this many ms pass: two processes that
     * refresh at once then reach the server together, whatever the machine's speed.
     */
    tokenRendezvousMs: 0,
  };
  let heldToken: (() => void) | null = null;
  const rendezvous = () =>
    new Promise<void>((resolve) => {
      if (heldToken) {
        heldToken();
        heldToken = null;
        return resolve();
      }
      const release = () => resolve();
      heldToken = release;
      setTimeout(() => {
        if (heldToken === release) heldToken = null;
        resolve();
      }, state.tokenRendezvousMs);
    });

  const send = (res: ServerResponse, status: number, body: unknown, type = JSON_API) => {
    res.writeHead(status, { "content-type": type });
    res.end(body === undefined ? "" : JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: string, detail: string) =>
    send(res, status, { errors: [{ status: String(status), code, detail }] });
  const violation = (res: ServerResponse, detail: string) => {
    state.violations.push(detail);
    error(res, 400, "invalid_request", detail);
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = "";
      req.on("data", (c) => (s += c));
      req.on("end", () => resolve(s));
    });
  const rel = (body: any, name: string, type: string): string | null => {
    const d = body?.data?.relationships?.[name]?.data;
    return d && d.type === type && typeof d.id === "string" ? d.id : null;
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://standin");
    const path = url.pathname;
    if (state.failWith) return error(res, state.failWith, "unavailable", "Service unavailable");
    if (req.method === "POST" && path === "/oauth/token") {
      // RFC 6749 §2.3.1 / §6: client credentials and the refresh token travel in the form body; in the query
      // string they would land in access logs and proxies.
      for (const secret of ["client_secret", "refresh_token"])
        if (url.searchParams.has(secret)) return violation(res, `token: ${secret} must be sent in the body, not the query string`);
      if (!String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
        return violation(res, "token: Content-Type must be application/x-www-form-urlencoded");
      const p = new URLSearchParams(await readBody(req));
      state.tokenRequests += 1;
      if (p.get("grant_type") !== "refresh_token" || !p.get("redirect_uri"))
        return violation(res, "token: grant_type=refresh_token and redirect_uri are required");
      if (state.tokenRendezvousMs) await rendezvous();
      if (
        p.get("client_id") !== opts.clientId ||
        p.get("client_secret") !== opts.clientSecret ||
        p.get("refresh_token") !== state.refreshToken
      )
        return send(
          res,
          401,
          { error: "invalid_grant", error_description: "The provided authorization grant is invalid" },
          "application/json",
        );
      state.accessToken = `at_${randomUUID()}`;
      state.refreshToken = `rt_${randomUUID()}`;
      return send(
        res,
        200,
        {
          access_token: state.accessToken,
          token_type: "bearer",
          expires_in: 7200,
          refresh_token: state.refreshToken,
          created_at: Math.floor(Date.now() / 1000),
        },
        "application/json",
      );
    }
    if (req.headers.authorization !== `Bearer ${state.accessToken}` || !state.accessToken)
      return error(res, 401, "unauthorized", "The access token is invalid");
    if (!String(req.headers.accept ?? "").includes(JSON_API)) return violation(res, `${req.method} ${path}: Accept must be ${JSON_API}`);
    let body: any;
    if (req.method === "POST") {
      if (req.headers["content-type"] !== JSON_API) return violation(res, `${path}: Content-Type must be ${JSON_API}`);
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return violation(res, `${path}: body is not JSON`);
      }
    }
    const org = `/partner_api/v2/organizations/${opts.organizationId}`;
    const m = (suffix: string) => path === `${org}${suffix}`;

    if (req.method === "GET" && m("/courses"))
      return send(res, 200, {
        data: state.courses.map((c) => ({ id: c.id, type: "course", attributes: { name: c.name, holes: c.holes } })),
        meta: { page: 1, total_pages: 1 },
      });
    if (req.method === "GET" && m("/teetimes")) {
      const course = url.searchParams.get("filter[course]");
      const date = url.searchParams.get("filter[date]");
      if (!course || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date))
        return violation(res, "teetimes: filter[course] and filter[date] (YYYY-MM-DD) are required");
      const size = Number(url.searchParams.get("page[size]") ?? 25);
      const page = Number(url.searchParams.get("page[number]") ?? 1);
      const all = state.teetimes.filter((t) => t.courseId === course && t.date === date);
      const data = all.slice((page - 1) * size, page * size).map((t) => ({
        id: t.id,
        type: "teetime",
        attributes: {
          blocked: false,
          date: t.date,
          hole: 1,
          format: "normal",
          start_time: t.start_time,
          free_slots: t.free_slots,
          restrictions: [],
          rates: [{ player_type_id: "pt-1", green_fee: t.green_fee, half_cart: 0, one_person_cart: 0, subtotal: t.green_fee }],
        },
        relationships: { course: { data: { id: t.courseId, type: "course" } }, event: { data: null } },
      }));
      return send(res, 200, {
        data,
        meta: { page, page_size: size, total: all.length, total_pages: Math.max(1, Math.ceil(all.length / size)) },
      });
    }
    if (req.method === "POST" && m("/customers")) {
      const a = body?.data?.attributes;
      if (body?.data?.type !== "customer" || typeof a?.first_name !== "string" || typeof a?.last_name !== "string")
        return violation(res, "customers: data.type customer with attributes first_name, last_name");
      const id = randomUUID();
      state.customers.set(id, a);
      return send(res, 201, { data: { id, type: "customer", attributes: a } });
    }
    if (req.method === "POST" && m("/reservation_requests")) {
      const teetimeId = rel(body, "teetime", "teetime");
      if (body?.data?.type !== "reservation_request" || !teetimeId || typeof body.data.attributes?.holes !== "number")
        return violation(res, "reservation_requests: data.type reservation_request, attributes.holes, relationships.teetime");
      if (!state.teetimes.some((t) => t.id === teetimeId)) return error(res, 404, "not_found", "Teetime not found");
      const id = randomUUID();
      state.requests.set(id, { id, teetimeId, holes: body.data.attributes.holes, rounds: [] });
      return send(res, 201, {
        data: {
          id,
          type: "reservation_request",
          attributes: body.data.attributes,
          relationships: { teetime: { data: { id: teetimeId, type: "teetime" } } },
        },
      });
    }
    if (req.method === "POST" && m("/round_requests")) {
      const requestId = rel(body, "reservation_request", "reservation_request");
      const customerId = rel(body, "customer", "customer");
      const guest = body?.data?.attributes?.guest;
      if (body?.data?.type !== "round_request" || !requestId || (!customerId && !guest?.first_name))
        return violation(
          res,
          "round_requests: data.type round_request, relationships.reservation_request and a customer or attributes.guest",
        );
      const r = state.requests.get(requestId);
      if (!r) return error(res, 404, "not_found", "Reservation request not found");
      if (customerId && !state.customers.has(customerId)) return error(res, 404, "not_found", "Customer not found");
      r.rounds.push({ customerId: customerId ?? undefined, guest });
      return send(res, 201, { data: { id: randomUUID(), type: "round_request", attributes: body.data.attributes ?? {} } });
    }
    if (req.method === "POST" && m("/reservations")) {
      const requestId = rel(body, "reservation_request", "reservation_request");
      if (body?.data?.type !== "reservation" || !requestId)
        return violation(res, "reservations: data.type reservation, relationships.reservation_request");
      const r = state.requests.get(requestId);
      if (!r?.rounds.length) return error(res, 422, "unprocessable_entity", "The reservation request has no rounds");
      const t = state.teetimes.find((x) => x.id === r.teetimeId)!;
      if (t.free_slots < r.rounds.length) return error(res, 422, "teetime_full", `Only ${t.free_slots} slots left on this tee time`);
      t.free_slots -= r.rounds.length;
      const id = randomUUID();
      state.reservations.set(id, { teetimeId: t.id, rounds: r.rounds.length });
      return send(res, 201, {
        data: {
          id,
          type: "reservation",
          attributes: { booking_reference: `CG${id.slice(0, 6)}`, state: "reserved", holes: r.holes },
          relationships: { teetime: { data: { id: t.id, type: "teetime" } } },
        },
      });
    }
    const del = /^\/partner_api\/v2\/reservations\/([^/]+)$/.exec(path);
    if (req.method === "DELETE" && del) {
      const r = state.reservations.get(del[1]!);
      if (!r) return error(res, 404, "not_found", "Reservation not found");
      state.reservations.delete(del[1]!);
      state.teetimes.find((t) => t.id === r.teetimeId)!.free_slots += r.rounds;
      return send(res, 204, undefined);
    }
    return violation(res, `no such endpoint: ${req.method} ${path}`);
  }

  const server = createServer((req, res) => {
    res.on("finish", () => state.log.push({ method: req.method ?? "", path: (req.url ?? "").split("?")[0]!, status: res.statusCode }));
    handle(req, res).catch((e) => error(res, 500, "internal", String(e)));
  });
  return new Promise<{ url: string; state: typeof state; expireAccessToken: () => void; close: () => Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        state,
        expireAccessToken: () => void (state.accessToken = `expired_${randomUUID()}`),
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
