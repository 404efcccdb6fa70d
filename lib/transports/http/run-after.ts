import { after } from "next/server";
import { log } from "@/lib/platform/log";

/**
 * Work that follows a response (Slack wants its acknowledgement within 3 s): Next.js's `after`, which keeps a
 * serverless function alive for it; outside a request (route handlers called in-process by tests) it simply
 * runs in the background. Failures are logged, never thrown at a response already sent.
 */
export function runAfter(work: (() => Promise<void>) | undefined): void {
  if (!work) return;
  const run = () => work().catch((e) => log.warn({ err: e instanceof Error ? e.message : String(e) }, "work after the response failed"));
  try {
    after(run);
  } catch {
    void run();
  }
}
