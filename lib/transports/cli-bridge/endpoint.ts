import fs from "node:fs";
import path from "node:path";
import { randomToken, safeEqual } from "@/lib/domains/auth/secrets";
import { AppError } from "@/lib/platform/errors";
import { log } from "@/lib/platform/log";
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

/** Never follow a link at the path: a planted link would send the secret (or read it) somewhere else. */
const { O_WRONLY, O_RDONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;

/**
 * Creates `file` anew, readable by this user alone, before a byte is written: whatever was at the path (our
 * own file from a run that crashed, or a file or link someone planted to read the secret or redirect the
 * write) is unlinked — never opened, never reused — and the file is created with O_EXCL | O_NOFOLLOW at
 * mode 0600. Should anything appear at the path in between, creation fails and nothing is written.
 */
export function writePrivateFile(file: string, text: string): void {
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  try {
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

/** Called once at start-up by the process that holds the embedded database. */
export function publishCliEndpoint(dataDir: string, port: number): void {
  const held = processSecret();
  held.secret ??= randomToken(32);
  const secret = held.secret;
  const file = path.join(dataDir, CLI_ENDPOINT_FILE);
  const endpoint: CliEndpoint = { pid: process.pid, url: `http://127.0.0.1:${port}`, secret };
  try {
    writePrivateFile(file, JSON.stringify(endpoint));
  } catch (e) {
    // The app still serves; only the CLI cannot hand it commands (it says so).
    log.error({ file, err: (e as NodeJS.ErrnoException).code ?? String(e) }, "could not publish the CLI endpoint file");
    return;
  }
  process.once("exit", () => {
    try {
      if (readCliEndpoint(dataDir)?.pid === process.pid) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  });
}

/**
 * What the running app published, or null when there is nothing (usable) to read. A file this user does not
 * own alone (a link, someone else's file, readable by others) is refused: it could point the CLI, and the
 * words typed into it, at another process.
 */
export function readCliEndpoint(dataDir: string): CliEndpoint | null {
  const file = path.join(dataDir, CLI_ENDPOINT_FILE);
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    throw untrusted(file, code === "ELOOP" ? "a link" : `not readable (${code})`);
  }
  try {
    const stat = fs.fstatSync(fd);
    const uid = process.getuid?.();
    if (!stat.isFile()) throw untrusted(file, "not a regular file");
    if (uid !== undefined && stat.uid !== uid) throw untrusted(file, "owned by another user");
    if (uid !== undefined && (stat.mode & 0o077) !== 0) throw untrusted(file, "readable or writable by other users");
    const v = JSON.parse(fs.readFileSync(fd, "utf8")) as Partial<CliEndpoint>;
    return typeof v.pid === "number" && typeof v.url === "string" && typeof v.secret === "string" ? (v as CliEndpoint) : null;
  } catch (e) {
    if (e instanceof SyntaxError) return null;
    throw e;
  } finally {
    fs.closeSync(fd);
  }
}

const untrusted = (file: string, why: string) =>
  new AppError("unavailable", `${file} is ${why}, so the CLI will not use it; remove it and restart the app.`);

/** Whether `token` is this process's CLI secret (false when this process published none). */
export function isCliSecret(token: string | null): boolean {
  const secret = processSecret().secret;
  return Boolean(secret && token && safeEqual(token, secret));
}
