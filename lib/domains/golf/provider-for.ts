import type { Deps } from "@/lib/platform/deps";
import type { GolfProviderName } from "@/lib/adapters/db/schema";
import { chronogolfGolf } from "@/lib/domains/golf/chronogolf/provider";
import { embeddedGolf } from "@/lib/domains/golf/embedded/provider";
import type { GolfProvider } from "@/lib/domains/golf/port";
import { chronogolfConfigOf, readSettingsRow } from "@/lib/domains/golf/settings";
import { withCurrentInstanceToken } from "@/lib/domains/golf/chronogolf/instance-token";

/** The account's booking provider (embedded unless an admin chose Chronogolf), or the one named: what `deps.golf` answers. */
export async function golfProviderFor(
  deps: Pick<Deps, "db" | "config">,
  accountId: string,
  name?: GolfProviderName,
): Promise<GolfProvider> {
  const settings = await readSettingsRow(deps.db, accountId);
  const which = name ?? settings?.provider ?? "embedded";
  if (which === "embedded") return embeddedGolf(deps.db, accountId);
  return chronogolfGolf(deps.db, accountId, await withCurrentInstanceToken(deps.db, chronogolfConfigOf(settings, deps.config)));
}
