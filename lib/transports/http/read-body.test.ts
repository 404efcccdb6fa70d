import { describe, expect, it } from "vitest";
import { readBody } from "@/lib/transports/http/read-body";
import { readJson } from "@/lib/transports/http/read-json";
import { jsonDepthExceeds } from "@/lib/transports/http/json-depth";

/** A chunked body with no Content-Length: `chunks` of 16 KiB, produced only when the reader pulls. */
function lazyBody(chunks: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (pulled >= chunks) return c.close();
      pulled++;
      c.enqueue(new Uint8Array(16 * 1024).fill(0x20));
    },
  });
  const req = new Request("http://x.test/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
  return { req, pulled: () => pulled };
}

describe("readBody", () => {
  it("stops at the limit of a chunked body without Content-Length (413) and pulls no further", async () => {
    const body = lazyBody(12_800); // 200 MiB if it were all read
    expect(body.req.headers.get("content-length")).toBeNull();
    await expect(readBody(body.req, 64 * 1024)).rejects.toMatchObject({ code: "payload_too_large", status: 413 });
    expect(body.pulled()).toBeLessThanOrEqual(6);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const req = new Request("http://x.test/", { method: "POST", body: "x".repeat(10), headers: { "content-length": "999999" } });
    await expect(readBody(req, 1024)).rejects.toMatchObject({ code: "payload_too_large" });
  });

  it("returns a body within the limit byte for byte", async () => {
    const body = lazyBody(3);
    expect((await readBody(body.req, 64 * 1024)).byteLength).toBe(48 * 1024);
  });

  it("a connection that ends early is a 400, not a 500", async () => {
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => c.error(new Error("aborted")) });
    const req = new Request("http://x.test/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    await expect(readBody(req)).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("readJson", () => {
  it("refuses JSON nested deeper than 32 levels with a 400, before parsing", async () => {
    const deep = `{"callerInfo":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`;
    const req = new Request("http://x.test/", { method: "POST", body: deep });
    await expect(readJson(req)).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/more than 32 levels/) });
  });

  it("counts brackets inside strings as text", () => {
    expect(jsonDepthExceeds(`{"q":"${"[".repeat(100)}\\"{{{"}`, 2)).toBe(false);
    expect(jsonDepthExceeds("[[[1]]]", 3)).toBe(false);
    expect(jsonDepthExceeds("[[[[1]]]]", 3)).toBe(true);
  });
});
