import fs from "node:fs";
import path from "node:path";
import { randomToken, safeEqual } from "@/lib/domains/auth/secrets";
import { lazy } from "@/lib/platform/lazy";

/**
 * The embedded database (PGlite) belongs to one process, so while the app runs, the CLI cannot open it.
 * Instead the app publishes, next to its pid file in the data directory, where it listens and a secret
 * made fresh at each start (file mode 0600); the CLI sends its command there (POST /api/internal/cli,
 * loopback only) and the app runs it on its own connection. Whoever can read this file can read the
 * database files next to it, so the secret grants nothing the file system did not already.
 */
export const CLI_ENDPOINT_FILE = "cli-endpoint.json";

export type CliEndpoint = { pid: number; url: string; secret: string };

// Made once per process and held in the process cache (lib/platform/lazy.ts), which every route bundle shares.
const processSecret = () => lazy("cli-bridge-secret", "", () => ({ secret: undefined as string | undefined }));

/** Called once at start-up by the process that holds the embedded database. */
export function publishCliEndpoint(dataDir: string, port: number): void {
  const held = processSecret();
  held.secret ??= randomToken(32);
  const secret = held.secret;
  const file = path.join(dataDir, CLI_ENDPOINT_FILE);
  const endpoint: CliEndpoint = { pid: process.pid, url: `http://127.0.0.1:${port}`, secret };
  fs.writeFileSync(file, JSON.stringify(endpoint), { mode: 0o600 });
  fs.chmodSync(file, 0o600); // writeFileSync's mode applies only when it creates the file
  process.once("exit", () => {
    try {
      if (readCliEndpoint(dataDir)?.pid === process.pid) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  });
}

export function readCliEndpoint(dataDir: string): CliEndpoint | null {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dataDir, CLI_ENDPOINT_FILE), "utf8")) as Partial<CliEndpoint>;
    return typeof v.pid === "number" && typeof v.url === "string" && typeof v.secret === "string" ? (v as CliEndpoint) : null;
  } catch {
    return null;
  }
}

/** Whether `token` is this process's CLI secret (false when this process published none). */
export function isCliSecret(token: string | null): boolean {
  const secret = processSecret().secret;
  return Boolean(secret && token && safeEqual(token, secret));
}
