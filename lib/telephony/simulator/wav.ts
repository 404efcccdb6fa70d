import { callNoise, type SimCall } from "./call-id";

const RATE = 8000; // telephone-band sample rate

/**
 * A real, small, deterministic recording: a RIFF/WAVE file (PCM 16-bit mono, 8 kHz) of a few seconds —
 * two rings, then alternating "voices" (tone pairs with a syllable-like envelope) chosen from the call, so
 * every call sounds a little different but the same call always yields the same bytes.
 */
export function simRecordingWav(call: SimCall, seconds = 4): Uint8Array {
  const n = Math.round(RATE * seconds);
  const pcm = new Int16Array(n);
  const agentPitch = 180 + Math.round(callNoise(call, "agent-pitch") * 60);
  const callerPitch = 120 + Math.round(callNoise(call, "caller-pitch") * 40);
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    let v = 0;
    if (t < 1.2) {
      // US ringback: 440 + 480 Hz, on for 0.4 s of every 0.6 s
      if (t % 0.6 < 0.4) v = 0.25 * (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t));
    } else {
      const turn = Math.floor((t - 1.2) / 0.7);
      const f0 = turn % 2 === 0 ? agentPitch : callerPitch;
      const syllable = Math.max(0, Math.sin(Math.PI * (((t - 1.2) % 0.7) / 0.35)));
      const vibrato = 1 + 0.03 * Math.sin(2 * Math.PI * 5 * t);
      v = 0.5 * syllable * (Math.sin(2 * Math.PI * f0 * vibrato * t) + 0.5 * Math.sin(4 * Math.PI * f0 * vibrato * t));
    }
    pcm[i] = Math.max(-32768, Math.min(32767, Math.round(v * 16000)));
  }
  return wavFile(pcm, RATE);
}

function wavFile(pcm: Int16Array, rate: number): Uint8Array {
  const data = pcm.length * 2;
  const buf = Buffer.alloc(44 + data);
  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + data, 4);
  buf.write("WAVE", 8, "ascii");
  buf.write("fmt ", 12, "ascii");
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(data, 40);
  for (let i = 0; i < pcm.length; i++) buf.writeInt16LE(pcm[i]!, 44 + i * 2);
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
