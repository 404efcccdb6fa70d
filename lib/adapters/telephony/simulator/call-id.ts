import { createHash } from "node:crypto";
import { TelephonyError } from "@/lib/adapters/telephony/port";

/**
 * Everything the simulator needs to answer for a call lives in its providerCallId, so any instance can
 * answer getCall from the clock alone: a restart loses nothing and reconciling many calls needs no memory.
 */
export type SimCall = {
  /** our call id */ c: string;
  /** placed at, epoch ms */ t: number;
  /** phone number */ n: string;
  /** speed factor the call was placed with */ s: number;
  /** max duration, minutes */ d: number;
  /** record */ r: 0 | 1;
  /** voice */ v: string;
  /** task excerpt */ k: string;
  /** first sentence excerpt */ f?: string;
};

const PREFIX = "sim1_";

const check = (payload: string) => createHash("sha256").update(payload).digest("base64url").slice(0, 6);

export function encodeSimCallId(call: SimCall): string {
  const payload = Buffer.from(JSON.stringify(call)).toString("base64url");
  return `${PREFIX}${payload}.${check(payload)}`;
}

export function decodeSimCallId(id: string): SimCall {
  const notFound = () => new TelephonyError("simulator: no such call", { status: 404, retryable: false });
  if (!id.startsWith(PREFIX)) throw notFound();
  const [payload, sum] = id.slice(PREFIX.length).split(".");
  if (!payload || sum !== check(payload)) throw notFound();
  try {
    const call = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as SimCall;
    if (typeof call.t !== "number" || typeof call.n !== "string" || typeof call.s !== "number") throw notFound();
    return call;
  } catch {
    throw notFound();
  }
}

/** A stable number in [0, 1) per call, for deterministic variety (ring time, call length, tones). */
export function callNoise(call: SimCall, salt: string): number {
  const h = createHash("sha256").update(`${call.c}|${call.n}|${call.t}|${salt}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}
