import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // These load native/wasm assets or open sockets at run time; bundling them breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "ioredis", "pino"],
  poweredByHeader: false,
  // The platform (Vercel, a reverse proxy) compresses; doing it here costs CPU on every MCP call and can hold back SSE frames.
  compress: false,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
