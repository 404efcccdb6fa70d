import { safeEqual } from "@/lib/auth/secrets";
import { runSyncCalls } from "@/lib/calls/sync-calls";
import { getDeps } from "@/lib/deps";
import { AppError } from "@/lib/errors";
import { bearerToken } from "@/lib/http/authenticate";
import { errorResponse, json } from "@/lib/http/respond";
import { withTelephony } from "@/lib/telephony";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

// GET /api/cron/sync-calls — Vercel Cron (Authorization: Bearer $CRON_SECRET): reconcile calls not yet final
export async function GET(req: Request) {
  try {
    const deps = await getDeps();
    const secret = deps.config.CRON_SECRET;
    const token = bearerToken(req);
    if (!secret || !token || !safeEqual(token, secret)) throw new AppError("unauthorized", "Cron endpoints need Authorization: Bearer $CRON_SECRET.");
    return json(await runSyncCalls(withTelephony(deps)));
  } catch (e) {
    return errorResponse(e);
  }
}
