/** What the server under test costs: RSS and CPU of its process group (from /proc), heap after a forced GC, and a noise probe. */
import fs from "node:fs";
import type { RunningApp } from "../../e2e/support/app-server";
import { now, percentiles, round, sleep } from "./stats";

export const CLK_TCK = 100;
/** Every process in the server's process group (startApp spawns `next start` detached, so pgid = its pid). */
export function groupStats(pgid: number): { pids: number[]; rssMb: number; cpuMs: number } {
  let rssKb = 0;
  let ticks = 0;
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // pgrp
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
      pids.push(Number(entry));
    } catch {
      // the process went away between readdir and read
    }
  }
  return { pids, rssMb: rssKb / 1024, cpuMs: (ticks * 1000) / CLK_TCK };
}

/** CPU time of one process (all its threads). */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}
export const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Samples one request's round trip every `everyMs`: how slow the machine itself is right now. */
export function noiseProbe(url: string, everyMs = 250) {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running && samples.length < 100_000) {
      const t = now();
      const ok = await fetch(url).then(
        (r) => r.arrayBuffer().then(() => r.ok),
        () => false,
      );
      if (ok) samples.push(now() - t);
      await sleep(everyMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return percentiles(samples);
    },
  };
}

export type HeapFigures = {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  gcMs: number;
};

/**
 * Asks the server (through bench/heap-probe.cjs, loaded with NODE_OPTIONS) to collect garbage and report its
 * memory. Undefined when the probe is off (BENCH_HEAP=0) or does not answer within 10 s.
 */
export async function heapProbe(e: { app: RunningApp; heapFile?: string }): Promise<HeapFigures | undefined> {
  if (!e.heapFile || e.app.process.exitCode !== null || !fs.existsSync(e.heapFile)) return undefined;
  const lines0 = fs.readFileSync(e.heapFile, "utf8").split("\n").filter(Boolean);
  if (!lines0.some((l) => JSON.parse(l).pid === e.app.process.pid)) return undefined; // the server did not load the probe
  const seen = lines0.length;
  process.kill(e.app.process.pid!, "SIGUSR2");
  const deadline = now() + 10_000;
  while (now() < deadline) {
    await sleep(100);
    const lines = fs.existsSync(e.heapFile) ? fs.readFileSync(e.heapFile, "utf8").split("\n").filter(Boolean) : [];
    if (lines.length > seen) {
      const m = JSON.parse(lines.at(-1)!);
      const mb = (b: number) => round(b / 2 ** 20);
      return {
        rssMb: mb(m.rss),
        heapUsedMb: mb(m.heapUsed),
        heapTotalMb: mb(m.heapTotal),
        externalMb: mb(m.external),
        arrayBuffersMb: mb(m.arrayBuffers),
        gcMs: m.gcMs,
      };
    }
  }
  return undefined;
}

export class RssSampler {
  peakMb = 0;
  samples = 0;
  private timer?: NodeJS.Timeout;
  constructor(private readonly pgid: number) {}
  start(everyMs = 200) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    return this;
  }
  sample() {
    const { rssMb } = groupStats(this.pgid);
    this.samples++;
    if (rssMb > this.peakMb) this.peakMb = rssMb;
    return rssMb;
  }
  stop() {
    clearInterval(this.timer);
    this.sample();
    return this.peakMb;
  }
}
