import { z } from "zod";

/**
 * Every setting Switchboard reads, with its default and meaning. `.env.example` mirrors this list.
 * Nothing else in the code base reads `process.env` directly.
 *
 * Longer than our ~250-line guide on purpose: one schema, one place to look up any setting and the
 * cross-setting checks; split by topic it would scatter what `.env.example` and the README list as one.
 */
const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
    .optional()
    .transform((v) => (v === undefined ? fallback : ["true", "1", "yes"].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(min).max(max).default(fallback);

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    );

const url = (protocols: string[]) =>
  z
    .string()
    .url("must be a URL")
    .refine((v) => protocols.some((p) => v.startsWith(p)), `must start with ${protocols.join(" or ")}`)
    .optional();

const KEY_ID = /^[A-Za-z0-9_-]{1,40}$/;
const SECRETS_KEY_MESSAGE = "must be 32 random bytes, base64-encoded (openssl rand -base64 32)";
/** 32 bytes in standard or URL-safe base64 (the only form openssl, Node and the dashboards produce). */
export const isSecretsKey = (v: string) => /^[A-Za-z0-9+/_-]{43}=?$/.test(v.trim()) && Buffer.from(v.trim(), "base64").length === 32;
const isPreviousKey = (entry: string) => {
  const at = entry.lastIndexOf(":");
  return at < 0 ? isSecretsKey(entry) : KEY_ID.test(entry.slice(0, at)) && isSecretsKey(entry.slice(at + 1));
};

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: url(["http://", "https://"]),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  DATABASE_URL: url(["postgres://", "postgresql://"]),
  DATABASE_POOLER: z.enum(["session", "transaction"]).default("session"),
  /** Connections per process. Unset: 3 on Vercel (every function instance holds its own pool), 10 on a long-running server. */
  DATABASE_POOL_MAX: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1).max(100).optional(),
  DATA_DIR: z.string().min(1).default(".data"),

  KV_DRIVER: z.enum(["auto", "memory", "redis", "upstash"]).default("auto"),
  REDIS_URL: url(["redis://", "rediss://"]),
  UPSTASH_REDIS_REST_URL: url(["http://", "https://"]),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  KV_PREFIX: z.string().max(100).default("sb:"),
  /** Longest a kv (Redis/Upstash) command may take before it counts as a failure; a few in a row open the breaker. */
  KV_TIMEOUT_MS: int(500, 50, 10_000),
  /** How long the kv and database breakers stay open before one request probes the dependency again. */
  KV_BREAKER_RESET_MS: int(5000, 100, 300_000),
  DATABASE_BREAKER_RESET_MS: int(5000, 100, 300_000),
  /** Longest the database may take to accept a connection (postgres.js connect_timeout). */
  DATABASE_CONNECT_TIMEOUT_SECONDS: int(3, 1, 60),
  /** ask_human's database work before it waits (create the case, look up the key) must finish within this, or count as an outage. */
  HITL_DB_TIMEOUT_MS: int(1000, 100, 30_000),
  /** Escalations creating their case at once per process (a bulkhead); the rest queue. Unset: 4 × DATABASE_POOL_MAX. */
  HITL_CREATE_CONCURRENCY: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1).max(1000).optional(),
  /** Escalations that may queue for a slot; beyond it, and after HITL_QUEUE_TIMEOUT_MS in the queue, the agent hears FALLBACK_BUSY. */
  HITL_QUEUE_MAX: int(2000, 0, 100_000),
  HITL_QUEUE_TIMEOUT_MS: int(20_000, 100, 50_000),
  EVENT_BUS: z.enum(["auto", "memory", "redis", "postgres"]).default("auto"),

  API_RATE_LIMIT_PER_MINUTE: int(100, 1, 1_000_000),
  API_KEY_CACHE_SECONDS: int(5, 0, 300),
  PRESENCE_TTL_SECONDS: int(30, 5, 3600),
  SESSION_TTL_HOURS: int(12, 1, 24 * 30),
  COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  /** OAuth (sign-in) for /api/mcp: access tokens are short-lived; refresh tokens rotate on every use. */
  OAUTH_ACCESS_TOKEN_TTL_SECONDS: int(3600, 60, 24 * 3600),
  OAUTH_REFRESH_TOKEN_TTL_DAYS: int(30, 1, 365),
  /** Client ID metadata documents on loopback (127.0.0.1, ::1, localhost; http allowed there): for tests and local development only. */
  OAUTH_CLIENT_METADATA_ALLOW_LOOPBACK: bool(false),
  /**
   * URLs a tenant, key or model chooses (callbacks, an account's ntfy server or Chronogolf base URL, client
   * metadata documents) may reach loopback (http allowed there): for tests and local development, where the
   * receivers run on 127.0.0.1. Off by default; never turn it on where tenants are not trusted.
   */
  OUTBOUND_ALLOW_LOOPBACK: bool(false),
  /** Proxies in front that append to x-forwarded-for; unset: 1 on Vercel, else 0 (the socket address). */
  TRUSTED_PROXY_HOPS: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(0).max(10).optional(),

  HITL_DEFAULT_TIMEOUT_SECONDS: int(45, 5, 55),
  /** On /api/retell/functions (Retell waits up to the function's timeout, default 120 s) ask_human may wait up to this. */
  RETELL_MAX_WAIT_SECONDS: int(110, 5, 290),
  HITL_RECHECK_INTERVAL_MS: int(5000, 100, 60_000),
  HITL_PROGRESS_INTERVAL_MS: int(5000, 100, 60_000),
  CASE_TTL_MINUTES: int(60, 1, 60 * 24 * 30),
  FALLBACK_UNAVAILABLE: z
    .string()
    .min(1)
    .default("I'm sorry, no one is available to answer that right now. We'll get back to you as soon as someone is."),
  FALLBACK_TIMEOUT: z.string().min(1).default("I'm still checking on that with a colleague. Let me get back to you in a moment."),
  FALLBACK_UNREACHABLE: z
    .string()
    .min(1)
    .default("I'm having trouble reaching my team right now. Someone will follow up with you shortly."),
  FALLBACK_CANCELLED: z.string().min(1).default("That request was withdrawn, so no one will answer it."),
  /** Said when the database is up but this instance has more escalations than it can take at once (load, not an outage). */
  FALLBACK_BUSY: z
    .string()
    .min(1)
    .default("Our team is very busy right now. Please hold on and ask me again in a moment, or we can call you back."),

  MCP_ALLOWED_HOSTS: list("localhost,127.0.0.1,[::1]"),
  MCP_ALLOWED_ORIGINS: list(""),

  CALLBACK_MAX_ATTEMPTS: int(6, 1, 20),
  CALLBACK_TIMEOUT_MS: int(5000, 100, 60_000),
  CALLBACK_BACKOFF_BASE_MS: int(5000, 10, 600_000),

  // --- realtime to browsers: REALTIME_DRIVER, PUSHER_*, SUPABASE_* ---
  REALTIME_DRIVER: z.enum(["auto", "sse", "pusher", "supabase"]).default("auto"),
  REALTIME_SSE_HEARTBEAT_SECONDS: int(15, 1, 300),
  /** An SSE response ends after this long and the browser reconnects (serverless functions have a time limit). */
  REALTIME_SSE_MAX_SECONDS: int(270, 10, 86_400),
  REALTIME_TOKEN_TTL_SECONDS: int(3600, 60, 86_400),
  PUSHER_APP_ID: z.string().min(1).optional(),
  PUSHER_KEY: z.string().min(1).optional(),
  PUSHER_SECRET: z.string().min(1).optional(),
  PUSHER_CLUSTER: z
    .string()
    .regex(/^[a-z0-9-]+$/, "must be a cluster name such as eu or us2")
    .optional(),
  PUSHER_HOST: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, "must be a host name without scheme or port")
    .optional(),
  PUSHER_PORT: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1).max(65535).optional(),
  PUSHER_USE_TLS: bool(true),
  SUPABASE_URL: url(["http://", "https://"]),
  SUPABASE_ANON_KEY: z.string().min(1).optional(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(1).optional(),
  SUPABASE_JWT_SECRET: z.string().min(32, "must be at least 32 characters (Project Settings → API → JWT secret)").optional(),

  // --- telephony, calls and credits: TELEPHONY_DRIVER, BLAND_*, CALL_*, CREDITS_* ---
  // telephony adapters
  TELEPHONY_DRIVER: z.enum(["auto", "simulator", "bland"]).default("auto"),
  BLAND_API_KEY: z.string().min(1).optional(),
  BLAND_BASE_URL: z.string().url("must be a URL").default("https://api.bland.ai"),
  BLAND_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  BLAND_TIMEOUT_MS: int(10_000, 100, 120_000),
  BLAND_MAX_RETRIES: int(3, 0, 10),
  // Retell as the phone provider of accounts that choose it (their own key and agent; Admin → Connect Retell)
  RETELL_BASE_URL: z.string().url("must be a URL").default("https://api.retellai.com"),
  RETELL_TIMEOUT_MS: int(10_000, 100, 120_000),
  // Vapi, the second agent platform (Admin → Connect Vapi): its API for outbound calls, the hosts whose live-call
  // control URLs a late answer may be spoken into (a host and its subdomains), ask_human's wait there when the
  // account set none (just under Vapi's default 20 s tool timeout).
  VAPI_BASE_URL: z.string().url("must be a URL").default("https://api.vapi.ai"),
  VAPI_TIMEOUT_MS: int(10_000, 100, 120_000),
  VAPI_CONTROL_HOSTS: list("vapi.ai"),
  VAPI_DEFAULT_WAIT_SECONDS: int(18, 5, 290),
  TELEPHONY_SIM_SPEED: z.coerce.number({ message: "must be a number" }).positive("must be above 0").max(100_000).default(1),
  SIMULATOR_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  // call-status sync (reconciliation job; see docs/telephony.md)
  CALL_SYNC_BATCH_SIZE: int(500, 1, 10_000),
  CALL_SYNC_CONCURRENCY: int(16, 1, 256),
  CALL_SYNC_RPS: int(500, 1, 100_000),
  CALL_SYNC_MAX_FAILURES: int(5, 1, 100),
  CALL_SYNC_BACKOFF_BASE_MS: int(5000, 0, 3_600_000),
  CALL_SYNC_LEASE_SECONDS: int(60, 1, 3600),
  CALL_SYNC_MAX_RUN_SECONDS: int(50, 1, 3600),
  CALL_SYNC_INTERVAL_SECONDS: int(30, 1, 3600),
  CALL_UNPLACED_GRACE_SECONDS: int(300, 30, 86_400),
  // calls & credits (amounts are whole credits; 1 credit = 1 US cent by convention)
  CALL_RATE_PER_MINUTE: int(9, 0, 1_000_000),
  CALL_DEFAULT_VOICE: z.string().min(1).max(100).default("maya"),
  CALL_DEFAULT_MODEL: z.string().min(1).max(100).default("base"),
  CALL_DEFAULT_LANGUAGE: z.string().min(2).max(20).default("en-US"),
  CALL_DEFAULT_MAX_DURATION_MINUTES: int(5, 1, 240),
  CALL_MAX_DURATION_LIMIT_MINUTES: int(30, 1, 240),
  CALL_DEFAULT_RECORD: bool(true),
  CREDITS_STARTING_BALANCE: int(1000, 0, 1_000_000_000),
  RECORDING_URL_TTL_SECONDS: int(3600, 10, 7 * 24 * 3600),
  RECORDING_SIGNING_SECRET: z.string().min(32, "must be at least 32 characters").optional(),

  // --- Google Sheets log: SHEETS_* (see README "Google Sheets log") ---
  /** The spreadsheet to log to (the id in its URL); with credentials below this turns the log on. */
  SHEETS_SPREADSHEET_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{10,200}$/, "must be the id from the sheet's URL (letters, digits, - and _)")
    .optional(),
  /** The service account: its e-mail and private key (PEM; literal \n are read as line breaks)… */
  SHEETS_SERVICE_ACCOUNT_EMAIL: z.string().email("must be the service account's e-mail").optional(),
  SHEETS_PRIVATE_KEY: z
    .string()
    .includes("PRIVATE KEY", { message: "must be a PEM private key (-----BEGIN PRIVATE KEY-----…)" })
    .optional(),
  /** …or its whole JSON key file, as content or as a path. */
  SHEETS_CREDENTIALS_JSON: z.string().startsWith("{", "must be the service account's JSON key (starting with {)").optional(),
  SHEETS_CREDENTIALS_FILE: z.string().min(1).optional(),
  /** Where the Sheets API and Google's token endpoint are (a proxy, or the tests' stand-in). */
  SHEETS_API_URL: z.string().url("must be a URL").default("https://sheets.googleapis.com"),
  SHEETS_TOKEN_URL: z.string().url("must be a URL").default("https://oauth2.googleapis.com/token"),
  /** Google allows 60 requests/min per user per project, and one service account is one user. */
  SHEETS_REQUESTS_PER_MINUTE: int(60, 1, 300),
  SHEETS_BURST: int(5, 1, 60),
  SHEETS_BATCH_ROWS: int(500, 1, 5000),
  SHEETS_TIMEOUT_MS: int(30_000, 100, 120_000),
  /** Backoff after a 429/5xx: min(2^n × base + up to base of jitter, 64 × base); Google documents base = 1 s. */
  SHEETS_BACKOFF_BASE_MS: int(1000, 1, 60_000),
  SHEETS_BREAKER_THRESHOLD: int(5, 1, 100),
  SHEETS_BREAKER_RESET_MS: int(60_000, 100, 3_600_000),
  SHEETS_DRAIN_INTERVAL_SECONDS: int(5, 1, 3600),
  SHEETS_MAX_RUN_SECONDS: int(50, 1, 3600),
  SHEETS_LEASE_SECONDS: int(120, 5, 3600),

  // --- push notifications (ntfy) and paging on-call operators ---
  /** The ntfy server an account uses until an admin sets its own (Admin → Notifications). */
  NTFY_DEFAULT_SERVER_URL: z
    .string()
    .url("must be a URL")
    .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
    .default("https://ntfy.sh"),
  NTFY_TIMEOUT_MS: int(5000, 100, 60_000),
  /** Attempts per notification (in-line and by the retry job) before it is marked failed. */
  NTFY_MAX_ATTEMPTS: int(8, 1, 50),
  NTFY_BACKOFF_BASE_MS: int(2000, 10, 600_000),
  /** An open case nobody has claimed after this long pages the account's on-call topic (once per case). */
  PAGE_AFTER_SECONDS: int(10, 1, 86_400),

  // --- channels (lib/domains/channels): Slack and SMS beside the console, and the escalation ladder ---
  /** Slack's Web API (tests point it at a stand-in). */
  SLACK_API_URL: z
    .string()
    .url("must be a URL")
    .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
    .default("https://slack.com/api/"),
  /** Twilio's REST API (Messaging); tests point it at a stand-in. */
  TWILIO_API_URL: z
    .string()
    .url("must be a URL")
    .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
    .default("https://api.twilio.com"),
  /** The default ladder's SMS step: an open case nobody has claimed after this long texts on-call members. */
  SMS_AFTER_SECONDS: int(30, 0, 86_400),
  CHANNEL_TIMEOUT_MS: int(5000, 100, 60_000),

  // --- answer memory (lib/domains/memory): saved answers reused for the same question in other words ---
  /** Score (0–1) a saved, approved answer must reach to answer a caller without a person; an account may set its own. */
  MEMORY_AUTO_THRESHOLD: z.coerce.number({ message: "must be a number" }).gt(0, "must be above 0").max(1).default(0.65),
  /** Lowest score still shown to operators as a suggestion. */
  MEMORY_SUGGEST_MIN_SCORE: z.coerce.number({ message: "must be a number" }).min(0).max(1).default(0.25),
  /**
   * Optional embeddings matcher: an OpenAI-compatible endpoint (`POST {url}/v1/embeddings`). Unset: the lexical
   * matcher alone. Reached through the outbound guard (a public address; loopback only with OUTBOUND_ALLOW_LOOPBACK).
   */
  MEMORY_EMBEDDINGS_URL: url(["http://", "https://"]),
  /** Sent as `Authorization: Bearer …`; never logged. */
  MEMORY_EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  MEMORY_EMBEDDINGS_MODEL: z.string().min(1).max(200).default("text-embedding-3-small"),
  /** Asks the model for shorter vectors (`dimensions`; text-embedding-3 and later). Unset: the model's own size. */
  MEMORY_EMBEDDINGS_DIMENSIONS: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(8).max(4096).optional(),
  /** Longest wait for the endpoint per search; slower counts as down and the search answers lexically. */
  MEMORY_EMBEDDINGS_TIMEOUT_MS: int(1500, 50, 30_000),
  /** Recent saved answers compared by vector on each search, beside the lexical candidates (bounds the work). */
  MEMORY_EMBEDDINGS_SCAN: int(500, 0, 20_000),
  /** Cosine similarity that scores 0; 1 scores 1 (a model's unrelated questions sit around this, paraphrases well above). */
  MEMORY_EMBEDDINGS_FLOOR: z.coerce.number({ message: "must be a number" }).min(0).max(0.95).default(0.3),

  // --- weather: Open-Meteo (default, no key) or OpenWeatherMap (with a key) ---
  WEATHER_PROVIDER: z.enum(["auto", "open-meteo", "openweathermap"]).default("auto"),
  OPENWEATHER_API_KEY: z.string().min(1).optional(),
  OPENWEATHER_BASE_URL: z.string().url("must be a URL").default("https://api.openweathermap.org"),
  OPEN_METEO_GEOCODING_URL: z.string().url("must be a URL").default("https://geocoding-api.open-meteo.com"),
  OPEN_METEO_FORECAST_URL: z.string().url("must be a URL").default("https://api.open-meteo.com"),
  WEATHER_TIMEOUT_MS: int(5000, 100, 60_000),
  /** How long a forecast is kept in kv per location, units and days. */
  WEATHER_CACHE_SECONDS: int(600, 0, 86_400),

  // --- golf tee times (lib/domains/golf): the Chronogolf / Lightspeed Golf Partner API v2 adapter. An account's own
  // settings (Admin → Golf) win; these are the defaults for accounts that set none.
  CHRONOGOLF_BASE_URL: z.string().url("must be a URL").default("https://partner-api.chronogolf.com"),
  CHRONOGOLF_CLIENT_ID: z.string().min(1).max(500).optional(),
  CHRONOGOLF_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  CHRONOGOLF_REFRESH_TOKEN: z.string().min(1).max(2000).optional(),
  CHRONOGOLF_TIMEOUT_MS: int(10_000, 100, 120_000),

  // --- secrets at rest (lib/platform/secrets): Retell keys, ntfy tokens, Chronogolf credentials, callback signing secrets ---
  /** 32 random bytes, base64 (openssl rand -base64 32). Unset: the embedded default keeps one in DATA_DIR/secrets.key; required with DATABASE_URL in production. */
  SECRETS_ENCRYPTION_KEY: z.string().refine(isSecretsKey, SECRETS_KEY_MESSAGE).optional(),
  /** The name stored beside every value sealed with SECRETS_ENCRYPTION_KEY; unset: derived from the key (k-<8 hex>). */
  SECRETS_ENCRYPTION_KEY_ID: z.string().regex(KEY_ID, "must be 1–40 letters, digits, - or _").optional(),
  /** Keys still accepted for reading during a rotation, comma-separated, each `id:key` (or just the key, its id derived). */
  SECRETS_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .refine(
      (v) => v.split(",").every((e) => !e.trim() || isPreviousKey(e.trim())),
      `must be comma-separated id:key entries (id: letters, digits, - or _; key: ${SECRETS_KEY_MESSAGE.replace("must be ", "")})`,
    )
    .optional(),

  /** Unset: on in development, off in production (NODE_ENV=production or VERCEL): the demo credentials go to stdout. */
  SEED_DEMO: z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
    .optional()
    .transform((v) => (v === undefined ? undefined : ["true", "1", "yes"].includes(v))),
  SCHEDULER: bool(true),
  /** Test-only: registers the MCP conformance suite's fixture tools, resources and prompts (npm run test:conformance). */
  MCP_CONFORMANCE_FIXTURES: bool(false),
  /** Lets a person create the first admin at /setup on a shared database (besides `switchboard setup-token`); useless once an admin exists. */
  SETUP_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  VERCEL_URL: z.string().optional(),
  /** Set by Vercel: the branch's and the production domain's hosts, also this deployment's names (deployment-host.ts). */
  VERCEL_BRANCH_URL: z.string().optional(),
  VERCEL_PROJECT_PRODUCTION_URL: z.string().optional(),
  /** Set by Vercel on its builds and functions ("1"). */
  VERCEL: z.string().optional(),
});

export type Config = Omit<z.infer<typeof envSchema>, "SEED_DEMO" | "DATABASE_POOL_MAX" | "HITL_CREATE_CONCURRENCY"> & {
  SEED_DEMO: boolean;
  DATABASE_POOL_MAX: number;
  HITL_CREATE_CONCURRENCY: number;
  kvDriver: "memory" | "redis" | "upstash";
  eventBus: "memory" | "redis" | "postgres";
  realtimeDriver: "sse" | "pusher" | "supabase";
};

type ParsedEnv = z.infer<typeof envSchema>;
const PUSHER_REQUIRED = ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET"] as const;
const SUPABASE_REQUIRED = ["SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_JWT_SECRET"] as const;

/**
 * Realtime to browsers. `auto` picks Pusher when PUSHER_KEY is set, Supabase Realtime when SUPABASE_JWT_SECRET is
 * set (SUPABASE_URL alone may just mean Supabase Postgres), else the built-in SSE; both at once must be explicit.
 */
function resolveRealtime(c: ParsedEnv): { driver: Config["realtimeDriver"]; problems: string[] } {
  const problems: string[] = [];
  let driver: Config["realtimeDriver"] = c.REALTIME_DRIVER === "auto" ? "sse" : c.REALTIME_DRIVER;
  if (c.REALTIME_DRIVER === "auto") {
    if (c.PUSHER_KEY && c.SUPABASE_JWT_SECRET)
      problems.push("REALTIME_DRIVER: both PUSHER_KEY and SUPABASE_JWT_SECRET are set; choose pusher or supabase explicitly");
    driver = c.PUSHER_KEY ? "pusher" : c.SUPABASE_JWT_SECRET ? "supabase" : "sse";
  }
  const missing = (names: readonly (keyof ParsedEnv)[]) => names.filter((n) => !c[n]);
  if (driver === "pusher") {
    for (const n of missing(PUSHER_REQUIRED)) problems.push(`${n}: required when REALTIME_DRIVER=pusher`);
    if (!c.PUSHER_CLUSTER && !c.PUSHER_HOST)
      problems.push("PUSHER_CLUSTER: required when REALTIME_DRIVER=pusher (or set PUSHER_HOST for a self-hosted server)");
  }
  if (driver === "supabase") for (const n of missing(SUPABASE_REQUIRED)) problems.push(`${n}: required when REALTIME_DRIVER=supabase`);
  if (c.PUSHER_PORT && !c.PUSHER_HOST) problems.push("PUSHER_HOST: required when PUSHER_PORT is set");
  return { driver, problems };
}

/** The Sheets log needs a spreadsheet and exactly one way of giving the service account's key. */
function sheetsProblems(c: ParsedEnv): string[] {
  const ways = [c.SHEETS_SERVICE_ACCOUNT_EMAIL || c.SHEETS_PRIVATE_KEY, c.SHEETS_CREDENTIALS_JSON, c.SHEETS_CREDENTIALS_FILE].filter(
    Boolean,
  ).length;
  const problems: string[] = [];
  if (ways > 1)
    problems.push(
      "SHEETS_CREDENTIALS_JSON: set one of SHEETS_SERVICE_ACCOUNT_EMAIL + SHEETS_PRIVATE_KEY, SHEETS_CREDENTIALS_JSON or SHEETS_CREDENTIALS_FILE",
    );
  if (!!c.SHEETS_SERVICE_ACCOUNT_EMAIL !== !!c.SHEETS_PRIVATE_KEY)
    problems.push(
      c.SHEETS_PRIVATE_KEY
        ? "SHEETS_SERVICE_ACCOUNT_EMAIL: required with SHEETS_PRIVATE_KEY"
        : "SHEETS_PRIVATE_KEY: required with SHEETS_SERVICE_ACCOUNT_EMAIL",
    );
  if (ways && !c.SHEETS_SPREADSHEET_ID) problems.push("SHEETS_SPREADSHEET_ID: required when Google credentials are set");
  if (c.SHEETS_SPREADSHEET_ID && !ways)
    problems.push(
      "SHEETS_SERVICE_ACCOUNT_EMAIL: required (with SHEETS_PRIVATE_KEY) when SHEETS_SPREADSHEET_ID is set, or SHEETS_CREDENTIALS_JSON / SHEETS_CREDENTIALS_FILE",
    );
  if (c.SHEETS_BURST >= c.SHEETS_REQUESTS_PER_MINUTE) problems.push("SHEETS_BURST: must be below SHEETS_REQUESTS_PER_MINUTE");
  return problems;
}

/** The embeddings settings only mean something with an endpoint; production sends the key over https only. */
function embeddingsProblems(c: ParsedEnv): string[] {
  const problems: string[] = [];
  if (!c.MEMORY_EMBEDDINGS_URL) {
    if (c.MEMORY_EMBEDDINGS_API_KEY) problems.push("MEMORY_EMBEDDINGS_URL: required when MEMORY_EMBEDDINGS_API_KEY is set");
    return problems;
  }
  const u = new URL(c.MEMORY_EMBEDDINGS_URL);
  if (u.username || u.password)
    problems.push("MEMORY_EMBEDDINGS_URL: must not carry a user name or password (use MEMORY_EMBEDDINGS_API_KEY)");
  if (u.search || u.hash)
    problems.push("MEMORY_EMBEDDINGS_URL: must be a base URL without query or fragment (…/v1/embeddings is appended)");
  if (c.NODE_ENV === "production" && u.protocol !== "https:" && !c.OUTBOUND_ALLOW_LOOPBACK)
    problems.push("MEMORY_EMBEDDINGS_URL: must be an https URL in production");
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset" (a blank line in .env), not an invalid value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const c = parsed.data;
  const problems: string[] = [];
  if (c.KV_DRIVER === "redis" && !c.REDIS_URL) problems.push("REDIS_URL: required when KV_DRIVER=redis");
  if (c.KV_DRIVER === "upstash" && !(c.UPSTASH_REDIS_REST_URL && c.UPSTASH_REDIS_REST_TOKEN))
    problems.push("UPSTASH_REDIS_REST_URL / UPSTASH_REDIS_REST_TOKEN: required when KV_DRIVER=upstash");
  if (c.UPSTASH_REDIS_REST_URL && !c.UPSTASH_REDIS_REST_TOKEN)
    problems.push("UPSTASH_REDIS_REST_TOKEN: required when UPSTASH_REDIS_REST_URL is set");
  if (c.EVENT_BUS === "redis" && !c.REDIS_URL) problems.push("REDIS_URL: required when EVENT_BUS=redis");
  if (c.EVENT_BUS === "postgres" && !c.DATABASE_URL) problems.push("DATABASE_URL: required when EVENT_BUS=postgres");
  problems.push(...sheetsProblems(c));
  if (c.WEATHER_PROVIDER === "openweathermap" && !c.OPENWEATHER_API_KEY)
    problems.push("OPENWEATHER_API_KEY: required when WEATHER_PROVIDER=openweathermap");
  if (c.SECRETS_ENCRYPTION_KEY_ID && !c.SECRETS_ENCRYPTION_KEY)
    problems.push("SECRETS_ENCRYPTION_KEY: required when SECRETS_ENCRYPTION_KEY_ID is set");
  if (c.SECRETS_ENCRYPTION_PREVIOUS_KEYS && !c.SECRETS_ENCRYPTION_KEY)
    problems.push("SECRETS_ENCRYPTION_KEY: required when SECRETS_ENCRYPTION_PREVIOUS_KEYS is set (the key new values are sealed with)");
  problems.push(...embeddingsProblems(c));
  const realtime = resolveRealtime(c);
  problems.push(...realtime.problems);
  if (problems.length) throw new ConfigError(problems);

  const kvDriver = c.KV_DRIVER !== "auto" ? c.KV_DRIVER : c.UPSTASH_REDIS_REST_URL ? "upstash" : c.REDIS_URL ? "redis" : "memory";
  const eventBus = c.EVENT_BUS !== "auto" ? c.EVENT_BUS : c.REDIS_URL ? "redis" : c.DATABASE_URL ? "postgres" : "memory";
  // A production log is read by more people than the operator: no demo password in it unless asked for.
  const SEED_DEMO = c.SEED_DEMO ?? !(c.NODE_ENV === "production" || c.VERCEL);
  // Serverless instances are many and short-lived, each with its own pool: keep each small (Supabase's pooler multiplexes them).
  const DATABASE_POOL_MAX = c.DATABASE_POOL_MAX ?? (c.VERCEL ? 3 : 10);
  // More than the pool: time in a slot is mostly event-loop turns under load; the pool queues the rest harmlessly.
  const HITL_CREATE_CONCURRENCY = c.HITL_CREATE_CONCURRENCY ?? 4 * DATABASE_POOL_MAX;
  return { ...c, SEED_DEMO, DATABASE_POOL_MAX, HITL_CREATE_CONCURRENCY, kvDriver, eventBus, realtimeDriver: realtime.driver };
}

let cached: Config | undefined;

/** The process configuration, parsed once. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests and the CLI: forget the parsed configuration so the next read sees new values. */
export function resetConfig(): void {
  cached = undefined;
}

/**
 * The port this server listens on: Next.js sets PORT once it is listening (`next start` / `next dev`), after
 * the configuration may have been parsed, so it is read fresh. Undefined outside a Next.js server (CLI, tests).
 */
export function listeningPort(): number | undefined {
  const port = Number(process.env.PORT);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}
