// Next.js calls register() once when a server instance starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/bootstrap/start");
  try {
    await startServer();
  } catch (e) {
    const { ConfigError } = await import("@/lib/config/env");
    process.stderr.write(`\nSwitchboard could not start: ${e instanceof Error ? e.message : String(e)}\n\n`);
    if (e instanceof ConfigError) process.exit(1);
    throw e;
  }
}
