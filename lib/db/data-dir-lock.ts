import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";

/**
 * PGlite is single-process: two processes opening the same data directory corrupt it.
 * A pid file makes the second one fail with a clear message instead.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, "switchboard.pid");
  try {
    const pid = Number(fs.readFileSync(file, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new AppError(
        "unavailable",
        `The embedded database in ${dataDir} is in use by process ${pid} (probably the running app). ` +
          "Stop it first, or point DATABASE_URL at PostgreSQL to share one database between processes.",
      );
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
  }
  fs.writeFileSync(file, String(process.pid));
  const release = () => {
    try {
      if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
