/**
 * The PGlite data-directory lock against real processes: a zombie (killed, not yet reaped by its parent)
 * still "exists" for kill(pid, 0) but holds nothing; a live process does hold the directory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, isDataDirLocked, isRunning } from "@/lib/adapters/db/data-dir-lock";
import { waitFor } from "@/tests/hitl/helpers";

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const tmpDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-lock-"));
  dirs.push(d);
  return d;
};

const readProc = (pid: number, file: string): string | null => {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null;
  }
};

/** The pid of a process whose parent is `ppid`, scanning /proc. */
function childOf(ppid: number): number | null {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(Number(entry), "stat");
    // stat is "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
    const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields && Number(fields[1]) === ppid) return Number(entry);
  }
  return null;
}

/**
 * A child that is killed under a parent that never reaps it: a zombie. The parent shell forks `sleep 30`
 * and then exec's into `sleep 60`; the child is killed only once the exec is done, because a shell that
 * is still running may reap it (dash does, on SIGCHLD) and leave no zombie behind.
 */
async function zombiePid(): Promise<number> {
  const parent = spawn("sh", ["-c", "sleep 30 & exec sleep 60"], { stdio: "ignore" });
  children.push(parent);
  const ppid = parent.pid!;
  await waitFor(() => readProc(ppid, "cmdline")?.startsWith("sleep\u000060"), 5_000);
  const pid = await waitFor(() => childOf(ppid), 5_000);
  process.kill(pid, "SIGKILL");
  await waitFor(() => readProc(pid, "stat")?.includes(") Z "), 5_000);
  return pid;
}

// skipIf: zombie and live-holder detection reads /proc/<pid>/stat, which only Linux has (CI and the targets are Linux).
describe.skipIf(process.platform !== "linux")("PGlite data-directory lock", () => {
  it("takes over a pid file whose process is a zombie", async () => {
    const pid = await zombiePid();
    expect(() => process.kill(pid, 0)).not.toThrow(); // the old check's blind spot
    expect(isRunning(pid)).toBe(false);
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, "switchboard.pid"), String(pid));
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, "switchboard.pid"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("refuses a directory a live process holds, with an error recognisable by its code", async () => {
    const live = spawn("sleep", ["60"], { stdio: "ignore" });
    children.push(live);
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, "switchboard.pid"), String(live.pid));
    let error: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (e) {
      error = e;
    }
    expect(isDataDirLocked(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(new RegExp(`in use by process ${live.pid}`));
  });

  it("takes over a pid file whose process is gone", () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, "switchboard.pid"), "999999999");
    acquireDataDirLock(dir)();
  });
});
