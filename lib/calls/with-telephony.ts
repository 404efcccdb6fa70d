import type { Deps } from "@/lib/deps";
import { getTelephony } from "@/lib/telephony";
import type { CallsDeps } from "@/lib/calls/deps";

/** Routes get Deps from withRoute; the calls domain also needs the process's telephony adapter. */
export const withTelephony = (deps: Deps): CallsDeps => ({ ...deps, telephony: getTelephony(deps.config) });
