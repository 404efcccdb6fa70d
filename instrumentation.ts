// Next.js calls register() once when a server instance starts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServerOrExit } = await import("@/lib/bootstrap/start");
    await startServerOrExit();
  }
}
