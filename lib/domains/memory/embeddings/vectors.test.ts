import { describe, expect, it } from "vitest";
import { cosine, decodeVector, encodeVector } from "@/lib/domains/memory/embeddings/vectors";
import { termsOf } from "@/lib/domains/memory/normalize";
import { conflictFactor } from "@/lib/domains/memory/score";

describe("stored vectors", () => {
  it("round-trip as float32 little-endian bytes", () => {
    const v = Float32Array.from([0.5, -1.25, 3e-8, 0]);
    const b64 = encodeVector(v);
    expect(Buffer.from(b64, "base64")).toHaveLength(16);
    expect(Buffer.from(b64, "base64").readFloatLE(4)).toBe(-1.25);
    expect([...decodeVector(b64)]).toEqual([...v]);
  });

  it("compare by cosine, whatever their length; vectors of different sizes never match", () => {
    expect(cosine(Float32Array.from([1, 0]), Float32Array.from([3, 0]))).toBeCloseTo(1);
    expect(cosine(Float32Array.from([1, 0]), Float32Array.from([0, 2]))).toBe(0);
    expect(cosine(Float32Array.from([1, 1]), Float32Array.from([1, 1, 0]))).toBe(0);
    expect(cosine(Float32Array.from([0, 0]), Float32Array.from([1, 1]))).toBe(0);
  });
});

describe("conflictFactor", () => {
  const f = (a: string, b: string) => conflictFactor(termsOf(a), termsOf(b));
  it("is 1 for a paraphrase, and cuts a different day, number or a negation on one side", () => {
    expect(f("can you validate my parking ticket", "Do you validate parking?")).toBe(1);
    expect(f("Are you open on Sunday?", "Are you open on Monday?")).toBe(0.25);
    expect(f("table for 4 tonight", "table for 12 tonight")).toBe(0.25);
    expect(f("Do you take walk-ins?", "Do you not take walk-ins?")).toBeCloseTo(0.3);
  });
});
