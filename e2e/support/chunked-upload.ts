import http from "node:http";

export type UploadResult = { status: number; body: string; sentBytes: number };

/**
 * POSTs a chunked body (no Content-Length) of up to `maxBytes`: `prefix`, then filler generated 64 KiB
 * at a time only as the socket drains, and stops sending as soon as the server answers — the way an
 * attacker streams a huge body, without the test holding it in memory.
 */
export function chunkedUpload(
  url: string,
  opts: { headers?: Record<string, string>; prefix?: string; maxBytes?: number; timeoutMs?: number } = {},
): Promise<UploadResult> {
  const maxBytes = opts.maxBytes ?? 200 * 1024 * 1024;
  const filler = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({
      host: u.hostname,
      port: u.port,
      path: u.pathname + u.search,
      method: "POST",
      headers: { "content-type": "application/json", ...opts.headers },
    });
    let sentBytes = 0;
    let answered = false;
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${opts.timeoutMs ?? 60_000} ms after sending ${sentBytes} bytes`)),
      opts.timeoutMs ?? 60_000,
    );
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      const done = () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sentBytes });
      };
      res.on("end", done);
      res.on("error", done);
    });
    req.on("error", (e) => {
      if (answered) return;
      clearTimeout(timer);
      reject(e);
    });
    const pump = () => {
      while (!answered && sentBytes < maxBytes) {
        const chunk = sentBytes === 0 && opts.prefix ? Buffer.from(opts.prefix) : filler;
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
