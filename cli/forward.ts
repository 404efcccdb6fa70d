import { AppError } from "@/lib/platform/errors";
import { dataDirHolder } from "@/lib/adapters/db/data-dir-lock";
import { readCliEndpoint } from "@/lib/transports/cli-bridge/endpoint";

export type Forwarded = { code: number; stdout: string; stderr: string };

const TIMEOUT_MS = 30_000;

/**
 * When a running app holds the embedded database in `dataDir`, runs the command there (POST
 * /api/internal/cli on loopback, with the secret the app left in the data directory) and returns what it
 * printed; null when no app holds it (the CLI then opens the database itself).
 */
export async function forwardToRunningApp(dataDir: string, argv: string[]): Promise<Forwarded | null> {
  const pid = dataDirHolder(dataDir);
  if (!pid) return null;
  const endpoint = readCliEndpoint(dataDir);
  if (!endpoint || endpoint.pid !== pid) {
    throw new AppError(
      "unavailable",
      `The embedded database in ${dataDir} is in use by process ${pid}, which does not take CLI commands (still starting, or an older version). ` +
        "Wait for it to be ready, or stop it and run the command again, or point DATABASE_URL at PostgreSQL.",
    );
  }
  let res: Response;
  try {
    res = await fetch(`${endpoint.url}/api/internal/cli`, {
      method: "POST",
      headers: { authorization: `Bearer ${endpoint.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ argv }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new AppError(
      "unavailable",
      `The app (process ${pid}) holds the embedded database but did not answer at ${endpoint.url}: ${(e as Error).message}. Stop it and run the command again.`,
    );
  }
  const body = (await res.json().catch(() => null)) as (Partial<Forwarded> & { error?: { message?: string } }) | null;
  if (!res.ok || typeof body?.code !== "number") {
    throw new AppError("unavailable", `The app (process ${pid}) refused the command: ${body?.error?.message ?? `HTTP ${res.status}`}`);
  }
  return { code: body.code, stdout: body.stdout ?? "", stderr: body.stderr ?? "" };
}
