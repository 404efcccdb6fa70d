import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // These load native/wasm assets or open sockets at run time; bundling them breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "ioredis", "pino"],
  poweredByHeader: false,
  // The platform (Vercel, a reverse proxy) compresses; doing it here costs CPU on every MCP call and can hold back SSE frames.
  compress: false,
  typescript: { ignoreBuildErrors: false },
  // forbidden() in app/admin/layout.tsx answers operators with a real 403 (app/forbidden.tsx). Experimental in
  // Next 16 but a single documented switch; without it we would have to render the 403 page with status 200.
  experimental: { authInterrupts: true },
};

export default nextConfig;
