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

/** A child that exits at once under a parent that never reaps it (sh exec's into sleep): a zombie. */
async function zombiePid(): Promise<number> {
  const parent = spawn("sh", ["-c", "sleep 30 & echo $!; exec sleep 60"], { stdio: ["ignore", "pipe", "ignore"] });
  children.push(parent);
  const pid = await new Promise<number>((resolve) => parent.stdout!.once("data", (d) => resolve(Number(String(d).trim()))));
  process.kill(pid, "SIGKILL");
  await waitFor(() => fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z "), 5_000);
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
