import "server-only";
import { headers } from "next/headers";
import { publicOrigin } from "@/lib/domains/oauth/urls";

/** The public origin as a page (no Request object) sees it: the same derivation the OAuth routes use. */
export async function pageOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return publicOrigin(new Request(`${proto}://${host}/`, { headers: h }));
}
