import { getDeps } from "@/lib/deps";
import { AppError } from "@/lib/errors";
import { errorResponse, json } from "@/lib/http/respond";
import { bearerToken } from "@/lib/http/authenticate";
import { safeEqual } from "@/lib/auth/secrets";
import { runMaintenance } from "@/lib/jobs/maintenance";

export const dynamic = "force-dynamic";

// GET /api/cron/maintenance — Vercel Cron (Authorization: Bearer $CRON_SECRET): expire cases, send due callbacks
export async function GET(req: Request) {
  try {
    const deps = await getDeps();
    const secret = deps.config.CRON_SECRET;
    const token = bearerToken(req);
    if (!secret || !token || !safeEqual(token, secret)) throw new AppError("unauthorized", "Cron endpoints need Authorization: Bearer $CRON_SECRET.");
    return json(await runMaintenance(deps));
  } catch (e) {
    return errorResponse(e);
  }
}
