import path from "node:path";
import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, COMMON_SECURITY_HEADERS, HSTS_HEADER } from "./lib/transports/http/security-headers";

const nextConfig: NextConfig = {
  // These load native/wasm assets or open sockets at run time; bundling them breaks that (undici: the outbound guard's HTTP client).
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "ioredis", "pino", "undici"],
  turbopack: {
    // The MCP SDK's JSON Schema validator: its lighter one instead of ajv (lib/transports/mcp/sdk-shims.ts says why).
    resolveAlias: { "@modelcontextprotocol/server/_shims": "./lib/transports/mcp/sdk-shims.ts" },
    // zod's locales: English only (scripts/build/zod-english-only-loader.cjs says why).
    rules: {
      "*.js": {
        condition: { path: /(^|[\\/])node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ },
        loaders: [path.resolve("scripts/build/zod-english-only-loader.cjs")],
      },
    },
  },
  poweredByHeader: false,
  // The platform (Vercel, a reverse proxy) compresses; doing it here costs CPU on every MCP call and can hold back SSE frames.
  compress: false,
  typescript: { ignoreBuildErrors: false },
  // forbidden() in app/admin/layout.tsx answers operators with a real 403 (app/forbidden.tsx). Experimental in
  // Next 16 but a single documented switch; without it we would have to render the 403 page with status 200.
  experimental: { authInterrupts: true },
  // Security headers on every response (pages get their nonce CSP from proxy.ts; see lib/transports/http/security-headers.ts).
  async headers() {
    return [
      { source: "/:path*", headers: COMMON_SECURITY_HEADERS },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS_HEADER] },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
      { source: "/_next/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
