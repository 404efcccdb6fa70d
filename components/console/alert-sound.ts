"use client";

/**
 * Alert tones made with WebAudio oscillators: nothing to download, nothing to decode. Browsers only
 * let audio start after a user gesture, so the console creates the context on the "Enable sound" click.
 */
let ctx: AudioContext | null = null;

export function soundReady(): boolean {
  return !!ctx && ctx.state === "running";
}

/** Call from a click handler. Resolves true when the browser let audio start. */
export async function enableSound(): Promise<boolean> {
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return false;
  ctx ??= new Ctor();
  if (ctx.state === "suspended") await ctx.resume().catch(() => {});
  if (ctx.state === "running") tone(ctx, ctx.currentTime, 660, 0.08, 0.05); // a quiet confirmation blip
  return ctx.state === "running";
}

function tone(c: AudioContext, at: number, freq: number, duration: number, gain: number, type: OscillatorType = "sine") {
  const osc = c.createOscillator();
  const amp = c.createGain();
  osc.type = type;
  osc.frequency.setValueAtTime(freq, at);
  // Short attack and exponential release: a chime, not a click.
  amp.gain.setValueAtTime(0.0001, at);
  amp.gain.exponentialRampToValueAtTime(gain, at + 0.015);
  amp.gain.exponentialRampToValueAtTime(0.0001, at + duration);
  osc.connect(amp).connect(c.destination);
  osc.start(at);
  osc.stop(at + duration + 0.02);
}

/** Counts alerts played (the e2e test reads it to know a sound was scheduled). */
export const alertLog: { normal: number; urgent: number } = { normal: 0, urgent: 0 };

/** A soft two-note chime for a new case; urgent cases get three louder, brighter double-beeps. */
export function playAlert(kind: "normal" | "urgent"): boolean {
  if (ctx?.state !== "running") return false;
  const t = ctx.currentTime + 0.01;
  if (kind === "normal") {
    tone(ctx, t, 880, 0.18, 0.12);
    tone(ctx, t + 0.16, 1175, 0.28, 0.12);
  } else {
    for (let i = 0; i < 3; i++) {
      tone(ctx, t + i * 0.42, 1320, 0.12, 0.25, "triangle");
      tone(ctx, t + i * 0.42 + 0.15, 1760, 0.16, 0.25, "triangle");
    }
  }
  alertLog[kind]++;
  if (typeof window !== "undefined") (window as unknown as { __switchboardAlerts?: typeof alertLog }).__switchboardAlerts = alertLog;
  return true;
}
