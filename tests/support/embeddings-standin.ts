/**
 * A local stand-in for an OpenAI-compatible embeddings endpoint (https://platform.openai.com/docs/api-reference/embeddings/create),
 * CHECKING what it is sent:
 * - only `POST /v1/embeddings` with a JSON object: `model` (non-empty string, required), `input` (a non-empty
 *   string or an array of 1–2,048 non-empty strings, required), `dimensions` (positive integer), `encoding_format`
 *   (`float`; `base64` is refused here), `user`; any other field is a 400, as OpenAI's strict schema answers;
 * - with `apiKey` set, `Authorization: Bearer <key>` is required (else 401 with OpenAI's `{error: {message, type, code}}`);
 * - success is `{object: "list", data: [{object: "embedding", index, embedding}], model, usage}`.
 *
 * Its vectors are TOY embeddings, deterministic and model-free: a bag of hashed words (lower-cased, a small
 * stop list dropped, a crude suffix stem) plus hashed character trigrams at half weight, unit length. Questions
 * sharing words and word stems land close; real synonyms do not. Good for proving the plumbing and the
 * fallbacks, not for judging a real model's quality.
 *
 * Controls: `failNext(n, status)`, `delayMs` (answers late: a slow endpoint), `requests` (what it received).
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type EmbeddingsRequest = { path: string; status: number; authorization?: string; inputs: number; model?: string };

export type EmbeddingsStandin = {
  url: string;
  apiKey: string | null;
  requests: EmbeddingsRequest[];
  delayMs: number;
  failNext(count: number, status: number): void;
  close(): Promise<void>;
};

const STOP = new Set(
  "a an the is are am was be do does did you your we our i my me it its to of on in at for and or can could would will with by from this that there any have has how what when where which who please".split(
    " ",
  ),
);
const FIELDS = new Set(["model", "input", "dimensions", "encoding_format", "user"]);

const stem = (w: string) => w.replace(/(ing|ed|es|s)$/, "").slice(0, 12) || w;

function bucket(token: string, dims: number): [number, number] {
  const h = createHash("md5").update(token).digest();
  return [h.readUInt32LE(0) % dims, h[4]! & 1 ? 1 : -1];
}

/** The toy embedding of one text. */
export function toyEmbedding(text: string, dims: number): number[] {
  const v = new Array<number>(dims).fill(0);
  const words = (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP.has(w)).map(stem);
  for (const w of words) {
    const [i, sign] = bucket(`w:${w}`, dims);
    v[i]! += sign;
    const padded = ` ${w} `;
    for (let k = 0; k + 3 <= padded.length; k++) {
      const [j, s] = bucket(`t:${padded.slice(k, k + 3)}`, dims);
      v[j]! += 0.5 * s;
    }
  }
  const norm = Math.sqrt(v.reduce((n, x) => n + x * x, 0)) || 1;
  return v.map((x) => Math.round((x / norm) * 1e6) / 1e6);
}

const error = (message: string, type = "invalid_request_error", code: string | null = null) => ({
  error: { message, type, param: null, code },
});

export async function startEmbeddingsStandin(opts: { apiKey?: string | null; dims?: number } = {}): Promise<EmbeddingsStandin> {
  const apiKey = opts.apiKey === undefined ? "sk-standin-0123456789" : opts.apiKey;
  const defaultDims = opts.dims ?? 256;
  const requests: EmbeddingsRequest[] = [];
  let failing = { count: 0, status: 500 };
  const state = { delayMs: 0 };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const authorization = req.headers.authorization;
      const answer = (status: number, body: unknown, inputs = 0, model?: string) => {
        requests.push({ path: req.url ?? "", status, authorization, inputs, model });
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(body));
        };
        if (state.delayMs) setTimeout(send, state.delayMs);
        else send();
      };
      if (req.method !== "POST" || req.url !== "/v1/embeddings") return answer(404, error(`Unknown request URL: ${req.method} ${req.url}`));
      if (apiKey && authorization !== `Bearer ${apiKey}`)
        return answer(401, error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
      if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) return answer(400, error("Expected a JSON body."));
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return answer(400, error("We could not parse the JSON body of your request."));
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) return answer(400, error("The body must be a JSON object."));
      const unknown = Object.keys(body).filter((k) => !FIELDS.has(k));
      if (unknown.length) return answer(400, error(`Unrecognized request argument supplied: ${unknown.join(", ")}`));
      const { model, input, dimensions, encoding_format } = body;
      if (typeof model !== "string" || !model) return answer(400, error("you must provide a model parameter"));
      const inputs = typeof input === "string" ? [input] : input;
      if (!Array.isArray(inputs) || !inputs.length || inputs.length > 2048 || inputs.some((x) => typeof x !== "string" || !x))
        return answer(400, error("'input' must be a non-empty string or an array of 1 to 2048 non-empty strings"), 0, model);
      if (dimensions !== undefined && (!Number.isInteger(dimensions) || (dimensions as number) < 1))
        return answer(400, error("'dimensions' must be a positive integer"), inputs.length, model);
      if (encoding_format !== undefined && encoding_format !== "float")
        return answer(400, error("this stand-in answers encoding_format float only"), inputs.length, model);
      if (failing.count > 0) {
        failing.count--;
        return answer(
          failing.status,
          error("The server had an error while processing your request.", "server_error"),
          inputs.length,
          model,
        );
      }
      const dims = (dimensions as number | undefined) ?? defaultDims;
      answer(
        200,
        {
          object: "list",
          data: (inputs as string[]).map((text, index) => ({ object: "embedding", index, embedding: toyEmbedding(text, dims) })),
          model,
          usage: { prompt_tokens: inputs.length * 8, total_tokens: inputs.length * 8 },
        },
        inputs.length,
        model,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    failNext(count, status) {
      failing = { count, status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
