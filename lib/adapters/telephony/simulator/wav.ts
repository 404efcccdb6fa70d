import { callNoise, type SimCall } from "./call-id";

const RATE = 8000; // telephone-band sample rate
const HEADER_BYTES = 44;
/** The longest call the API accepts (240 minutes): a recording is never longer. */
export const MAX_RECORDING_SECONDS = 240 * 60;
const CHUNK_SAMPLES = RATE; // one second per chunk (16 KB): memory stays flat whatever the length

/**
 * A real, deterministic stand-in recording: a RIFF/WAVE file (PCM 16-bit mono, 8 kHz) as long as the
 * call's talk time — two rings, then alternating "voices" (tone pairs with a syllable-like envelope)
 * chosen from the call, so every call sounds a little different but the same call always yields the
 * same bytes. Tones, not speech: the admin page labels it as simulated.
 */
export function simRecordingStream(call: SimCall, seconds: number): { byteLength: number; body: ReadableStream<Uint8Array> } {
  const total = sampleCount(seconds);
  const voice = voices(call);
  let next = -1; // -1: the header is still to send
  const body = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (next < 0) {
        ctrl.enqueue(header(total));
        next = 0;
        return;
      }
      if (next >= total) return ctrl.close();
      const n = Math.min(CHUNK_SAMPLES, total - next);
      ctrl.enqueue(pcmChunk(voice, next, n));
      next += n;
    },
  });
  return { byteLength: HEADER_BYTES + total * 2, body };
}

/** The same file in one buffer (tests and short recordings). */
export function simRecordingWav(call: SimCall, seconds = 4): Uint8Array {
  const total = sampleCount(seconds);
  const out = new Uint8Array(HEADER_BYTES + total * 2);
  out.set(header(total), 0);
  out.set(pcmChunk(voices(call), 0, total), HEADER_BYTES);
  return out;
}

const sampleCount = (seconds: number) => Math.round(RATE * Math.min(MAX_RECORDING_SECONDS, Math.max(1, seconds)));

function voices(call: SimCall) {
  return { agent: 180 + Math.round(callNoise(call, "agent-pitch") * 60), caller: 120 + Math.round(callNoise(call, "caller-pitch") * 40) };
}

function sample(v: { agent: number; caller: number }, t: number): number {
  if (t < 1.2) {
    // US ringback: 440 + 480 Hz, on for 0.4 s of every 0.6 s
    return t % 0.6 < 0.4 ? 0.25 * (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t)) : 0;
  }
  const turn = Math.floor((t - 1.2) / 0.7);
  const f0 = turn % 2 === 0 ? v.agent : v.caller;
  const syllable = Math.max(0, Math.sin(Math.PI * (((t - 1.2) % 0.7) / 0.35)));
  const vibrato = 1 + 0.03 * Math.sin(2 * Math.PI * 5 * t);
  return 0.5 * syllable * (Math.sin(2 * Math.PI * f0 * vibrato * t) + 0.5 * Math.sin(4 * Math.PI * f0 * vibrato * t));
}

function pcmChunk(v: { agent: number; caller: number }, from: number, n: number): Uint8Array {
  const buf = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(sample(v, (from + i) / RATE) * 16000))), i * 2);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function header(samples: number): Uint8Array {
  const data = samples * 2;
  const buf = Buffer.alloc(HEADER_BYTES);
  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + data, 4);
  buf.write("WAVE", 8, "ascii");
  buf.write("fmt ", 12, "ascii");
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(RATE, 24);
  buf.writeUInt32LE(RATE * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(data, 40);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Parses a WAV header; used by tests and by anyone checking a provider's recording is real audio. */
export function readWavHeader(bytes: Uint8Array): { sampleRate: number; channels: number; bitsPerSample: number; seconds: number } | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 44 || b.toString("ascii", 0, 4) !== "RIFF" || b.toString("ascii", 8, 12) !== "WAVE") return null;
  const channels = b.readUInt16LE(22);
  const sampleRate = b.readUInt32LE(24);
  const bitsPerSample = b.readUInt16LE(34);
  const dataBytes = b.readUInt32LE(40);
  if (!channels || !sampleRate || !bitsPerSample || 44 + dataBytes > b.length) return null;
  return { sampleRate, channels, bitsPerSample, seconds: dataBytes / (sampleRate * channels * (bitsPerSample / 8)) };
}
