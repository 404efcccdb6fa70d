import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/platform/errors";

export const DATA_DIR_LOCKED = "data_dir_locked";

/**
 * PGlite is single-process: two processes opening the same data directory corrupt it.
 * A pid file makes the second one fail with a clear message instead. A pid file left by a process that
 * died (kill -9, a crash) is taken over — including when that process is a zombie its parent has not
 * reaped yet, which still "exists" for kill(pid, 0).
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, "switchboard.pid");
  const holder = readPid(file);
  if (holder && holder !== process.pid && isRunning(holder)) {
    throw new AppError(
      "unavailable",
      `The embedded database in ${dataDir} is in use by process ${holder} (probably the running app). ` +
        "Stop it first, or point DATABASE_URL at PostgreSQL to share one database between processes.",
      { reason: DATA_DIR_LOCKED, pid: holder },
    );
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

export const isDataDirLocked = (e: unknown) => (e as { details?: { reason?: unknown } } | null)?.details?.reason === DATA_DIR_LOCKED;

/** The live process holding an embedded data directory, other than this one; null when it is free. */
export function dataDirHolder(dataDir: string): number | null {
  const holder = readPid(path.join(dataDir, "switchboard.pid"));
  return holder && holder !== process.pid && isRunning(holder) ? holder : null;
}

function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Alive and not a zombie (state Z in /proc/<pid>/stat, on Linux) nor dead (X). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) S …": the state follows the last ")" (comm may itself contain parentheses).
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return true; // no /proc (macOS): kill(pid, 0) is all we have
  }
}
