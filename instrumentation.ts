// Next.js calls register() once when a server instance starts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Before any request: record each request's socket address for throttling (lib/transports/http/peer-address.ts).
    (await import("@/lib/transports/http/peer-address")).stampPeerAddress();
    const { startServerOrExit } = await import("@/lib/composition/bootstrap/start");
    await startServerOrExit();
  }
}
