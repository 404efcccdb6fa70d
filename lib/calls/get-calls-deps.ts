import { getDeps } from "@/lib/deps";
import { getTelephony } from "@/lib/telephony";
import type { CallsDeps } from "@/lib/calls/deps";

/** The process's deps plus its (shared) telephony adapter. */
export async function getCallsDeps(): Promise<CallsDeps> {
  const deps = await getDeps();
  return { ...deps, telephony: getTelephony(deps.config) };
}
