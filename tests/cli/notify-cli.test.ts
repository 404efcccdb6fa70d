import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNtfyStandin, type NtfyStandin } from "@/tests/support/ntfy-standin";

const root = path.resolve(import.meta.dirname, "..", "..");

// The real CLI on its own embedded database, against an ntfy stand-in (run asynchronously: the stand-in
// lives in this process and must be free to answer).
describe("switchboard notify (CLI)", { timeout: 180_000 }, () => {
  let dataDir: string;
  let ntfy: NtfyStandin;
  const run = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(root, "bin", "switchboard.mjs"), ...args],
        { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent", OUTBOUND_ALLOW_LOOPBACK: "true" } },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-notify-cli-"));
    ntfy = await startNtfyStandin();
  });
  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await ntfy.close();
  });

  it("sets the server, topics and token (never printing the token), then sends a test notification", async () => {
    expect((await run("accounts", "create", "--name", "CLI notify")).code).toBe(0);
    const set = await run(
      "notify",
      "settings",
      "--server",
      ntfy.url,
      "--default-topic",
      "cli-alerts",
      "--oncall-topic",
      "cli-oncall",
      "--token",
      ntfy.token!,
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`server\t${ntfy.url}`);
    expect(set.stdout).toContain(`token\tset (…${ntfy.token!.slice(-4)})`);
    expect(set.stdout + set.stderr).not.toContain(ntfy.token!);
    const test = await run("notify", "test", "--topic", "oncall");
    expect(test.code).toBe(0);
    expect(test.stdout.trim()).toBe("sent");
    expect(ntfy.published).toMatchObject([
      { topic: "cli-oncall", title: "Switchboard test notification", authorization: `Bearer ${ntfy.token}` },
    ]);
    const bad = await run("notify", "settings", "--default-topic", "no spaces allowed");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/defaultTopic: must be 1–64 letters/);
  }, 600_000);
});
