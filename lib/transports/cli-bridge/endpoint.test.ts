import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI_ENDPOINT_FILE, isCliSecret, publishCliEndpoint, readCliEndpoint } from "@/lib/transports/cli-bridge/endpoint";

// The endpoint file holds the secret that lets a local process run CLI commands in the app: it must never
// be readable by others, not even for a moment, and never be written through something planted at its path.
describe("the CLI endpoint file", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-endpoint-"));
    file = path.join(dir, CLI_ENDPOINT_FILE);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const published = () => readCliEndpoint(dir)!;

  it("is created for this user alone (0600) even under a permissive umask, and holds the secret the app accepts", () => {
    const before = process.umask(0);
    try {
      publishCliEndpoint(dir, 4321);
    } finally {
      process.umask(before);
    }
    expect(fs.lstatSync(file).mode & 0o777).toBe(0o600);
    expect(published()).toMatchObject({ pid: process.pid, url: "http://127.0.0.1:4321" });
    expect(isCliSecret(published().secret)).toBe(true);
  });

  it("never writes through a planted link: the link's target keeps its content", () => {
    const victim = path.join(dir, "victim.txt");
    fs.writeFileSync(victim, "not yours", { mode: 0o644 });
    fs.symlinkSync(victim, file);
    publishCliEndpoint(dir, 4321);
    expect(fs.readFileSync(victim, "utf8")).toBe("not yours");
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(false);
    expect(fs.lstatSync(file).mode & 0o777).toBe(0o600);
    expect(isCliSecret(published().secret)).toBe(true);
  });

  it("never reuses a planted world-readable file: whoever holds it open reads nothing of the secret", () => {
    fs.writeFileSync(file, "planted", { mode: 0o666 });
    fs.chmodSync(file, 0o666);
    const plantedFd = fs.openSync(file, "r");
    try {
      publishCliEndpoint(dir, 4321);
      const secret = published().secret;
      const buf = Buffer.alloc(4096);
      const n = fs.readSync(plantedFd, buf, 0, buf.length, 0);
      expect(buf.subarray(0, n).toString()).toBe("planted");
      expect(buf.subarray(0, n).toString()).not.toContain(secret);
      expect(fs.fstatSync(plantedFd).ino).not.toBe(fs.lstatSync(file).ino);
      expect(fs.lstatSync(file).mode & 0o777).toBe(0o600);
    } finally {
      fs.closeSync(plantedFd);
    }
  });

  it("the CLI refuses an endpoint file that is a link or readable by others, naming it", () => {
    expect(readCliEndpoint(dir)).toBeNull();
    const elsewhere = path.join(dir, "elsewhere.json");
    fs.writeFileSync(elsewhere, JSON.stringify({ pid: 1, url: "http://127.0.0.1:9", secret: "x" }), { mode: 0o600 });
    fs.symlinkSync(elsewhere, file);
    expect(() => readCliEndpoint(dir)).toThrow(/cli-endpoint\.json is a link/);
    fs.unlinkSync(file);
    fs.writeFileSync(file, JSON.stringify({ pid: 1, url: "http://127.0.0.1:9", secret: "x" }), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(() => readCliEndpoint(dir)).toThrow(/readable or writable by other users/);
  });
});
