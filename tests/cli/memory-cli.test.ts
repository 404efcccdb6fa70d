import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

// The real CLI on its own embedded database: an FAQ imported from a CSV file, exported, settings changed.
describe("switchboard memory (CLI)", { timeout: 240_000 }, () => {
  let dataDir: string;
  const run = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(root, "bin", "switchboard.mjs"), ...args],
        { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" } },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-memory-cli-"));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("imports a CSV FAQ, exports it as JSON, and turns automatic answers off", async () => {
    expect((await run("accounts", "create", "--name", "CLI memory")).code).toBe(0);
    const file = path.join(dataDir, "faq.csv");
    fs.writeFileSync(
      file,
      "question,answer,approvedForAuto\nDo you validate parking?,Yes at the desk.,true\nOpen on Sunday?,10 to 4.,false\n",
    );
    const imported = await run("memory", "import", file);
    expect(imported.stderr).toMatch(/Imported 2 saved answers/);
    expect(imported.stdout.trim()).toBe("2");

    const exported = await run("memory", "export");
    expect(exported.code).toBe(0);
    const entries = JSON.parse(exported.stdout).entries as Array<{ question: string; approvedForAuto: boolean }>;
    expect(entries.map((e) => [e.question, e.approvedForAuto]).sort()).toEqual([
      ["Do you validate parking?", true],
      ["Open on Sunday?", false],
    ]);

    const off = await run("memory", "settings", "--auto", "off", "--threshold", "0.8");
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/auto-answer\toff/);
    expect(off.stdout).toMatch(/threshold\t0\.8/);
    const bad = await run("memory", "settings", "--threshold", "abc");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/threshold/);
  });
});
