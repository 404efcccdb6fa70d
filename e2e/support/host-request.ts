import http from "node:http";

export type HostResponse = { status: number; headers: http.IncomingHttpHeaders; text: string };

/**
 * One HTTP request to the app with the Host header the test chooses — what a browser sends when a page on
 * evil.example had its name rebound to the app's address (fetch cannot set Host; node:http can).
 */
export function requestWithHost(
  baseUrl: string,
  opts: { method?: string; path: string; host: string; headers?: Record<string, string>; body?: string },
): Promise<HostResponse> {
  const u = new URL(opts.path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: opts.method ?? "GET",
        headers: { ...opts.headers, host: opts.host },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}
