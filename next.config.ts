import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // These load native/wasm assets or open sockets at run time; bundling them breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "ioredis", "pino"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
