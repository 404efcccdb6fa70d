import type { Deps } from "@/lib/platform/deps";
import type { GolfProviderName } from "@/lib/adapters/db/schema";
import { chronogolfGolf } from "@/lib/domains/golf/chronogolf/provider";
import { embeddedGolf } from "@/lib/domains/golf/embedded/provider";
import type { GolfProvider } from "@/lib/domains/golf/port";
import { chronogolfConfigOf, readSettingsRow } from "@/lib/domains/golf/settings";

/** The account's booking provider (embedded unless an admin chose Chronogolf), or the one named: what `deps.golf` answers. */
export async function golfProviderFor(
  deps: Pick<Deps, "db" | "config">,
  accountId: string,
  name?: GolfProviderName,
): Promise<GolfProvider> {
  const settings = await readSettingsRow(deps.db, accountId);
  const which = name ?? settings?.provider ?? "embedded";
  if (which === "embedded") return embeddedGolf(deps.db, accountId);
  // The refresh token it starts from is read when one is needed (chronogolf/token-store.ts), not here.
  return chronogolfGolf(deps.db, accountId, chronogolfConfigOf(settings, deps.config));
}
