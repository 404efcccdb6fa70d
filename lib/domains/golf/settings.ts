import { eq, like } from "drizzle-orm";
import { z } from "zod";
import type { Deps } from "@/lib/platform/deps";
import { assertScope } from "@/lib/domains/auth/permissions";
import type { Principal } from "@/lib/domains/auth/principal";
import type { Config } from "@/lib/platform/config/env";
import type { Db } from "@/lib/adapters/db/client";
import { chronogolfTokens, golfSettings, type GolfProviderName, type GolfSettingsRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { isValidTimezone } from "@/lib/domains/golf/time";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { outboundPolicy, type OutboundPolicy } from "@/lib/platform/outbound/outbound-error";
import { accountBaseUrl, assertBaseUrlAllowed } from "@/lib/domains/golf/chronogolf/base-url";
import { openFrom, sealNullable } from "@/lib/adapters/db/sealed-columns";

const CLIENT_SECRET = "golf_settings.chronogolf_client_secret";
const REFRESH_TOKEN = "golf_settings.chronogolf_refresh_token";

/**
 * The Chronogolf partner credentials one account books with: all its own, or all the instance's CHRONOGOLF_*
 * ones. `outbound` is set when the account chose the base URL: requests then leave through the outbound guard.
 */
export type ChronogolfConfig = {
  baseUrl: string;
  organizationId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  timezone: string;
  timeoutMs: number;
  credentials: "account" | "instance";
  outbound?: OutboundPolicy;
};

/** What GET/PUT /api/golf/settings show: secrets only as "set or not". */
export type PublicGolfSettings = {
  provider: GolfProviderName;
  chronogolf: {
    baseUrl: string;
    organizationId: string | null;
    clientId: string | null;
    timezone: string | null;
    clientSecretSet: boolean;
    refreshTokenSet: boolean;
  };
};

/** The account's golf settings with its Chronogolf secrets decrypted (server side only). */
export async function readSettingsRow(db: Db, accountId: string): Promise<GolfSettingsRow | null> {
  const [row] = await db.select().from(golfSettings).where(eq(golfSettings.accountId, accountId));
  if (!row) return null;
  return {
    ...row,
    chronogolfClientSecret: openFrom(CLIENT_SECRET, accountId, row.chronogolfClientSecret, row.chronogolfClientSecretKeyId),
    chronogolfRefreshToken: openFrom(REFRESH_TOKEN, accountId, row.chronogolfRefreshToken, row.chronogolfRefreshTokenKeyId),
  };
}

/** The columns for a secret given to updateGolfSettings: undefined leaves it, null clears it, text is sealed. */
function sealedSetting(name: typeof CLIENT_SECRET | typeof REFRESH_TOKEN, accountId: string, given: string | null | undefined) {
  if (given === undefined) return {};
  const s = sealNullable(name, accountId, given);
  return name === CLIENT_SECRET
    ? { chronogolfClientSecret: s.value, chronogolfClientSecretKeyId: s.keyId }
    : { chronogolfRefreshToken: s.value, chronogolfRefreshTokenKeyId: s.keyId };
}

/** Whether the account set any Chronogolf credential of its own (then it must set all three). */
const ownsCredentials = (row: GolfSettingsRow | null) =>
  !!(row?.chronogolfClientId || row?.chronogolfClientSecret || row?.chronogolfRefreshToken);

const toPublic = (row: GolfSettingsRow | null, config: Config): PublicGolfSettings => ({
  provider: row?.provider ?? "embedded",
  chronogolf: {
    baseUrl: row?.chronogolfBaseUrl ?? config.CHRONOGOLF_BASE_URL,
    organizationId: row?.chronogolfOrganizationId ?? null,
    clientId: row?.chronogolfClientId ?? null,
    timezone: row?.chronogolfTimezone ?? null,
    // What booking will use: the account's own credentials once it set any, else the instance's (never a mix).
    clientSecretSet: !!(ownsCredentials(row) ? row?.chronogolfClientSecret : config.CHRONOGOLF_CLIENT_SECRET),
    refreshTokenSet: !!(ownsCredentials(row) ? row?.chronogolfRefreshToken : config.CHRONOGOLF_REFRESH_TOKEN),
  },
});

/**
 * The account's Chronogolf configuration, or a 503-free explanation of what is missing. The instance's
 * credentials never follow an account's base URL (they would be sent to whatever server it names), and the
 * two kinds are never mixed: an account that set any credential of its own brings all three.
 */
export function chronogolfConfigOf(row: GolfSettingsRow | null, config: Config): ChronogolfConfig {
  const ownBaseUrl = accountBaseUrl(row?.chronogolfBaseUrl ?? null, config);
  const own = ownsCredentials(row);
  if (ownBaseUrl && !own)
    throw new AppError(
      "unavailable",
      "Golf booking is set to Chronogolf with this account's own base URL, which needs the account's own clientId, clientSecret and refreshToken; an admin can set them under Admin → Golf.",
    );
  const c = {
    baseUrl: ownBaseUrl ?? config.CHRONOGOLF_BASE_URL.replace(/\/+$/, ""),
    organizationId: row?.chronogolfOrganizationId ?? "",
    clientId: (own ? row?.chronogolfClientId : config.CHRONOGOLF_CLIENT_ID) ?? "",
    clientSecret: (own ? row?.chronogolfClientSecret : config.CHRONOGOLF_CLIENT_SECRET) ?? "",
    refreshToken: (own ? row?.chronogolfRefreshToken : config.CHRONOGOLF_REFRESH_TOKEN) ?? "",
    timezone: row?.chronogolfTimezone ?? "UTC",
    timeoutMs: config.CHRONOGOLF_TIMEOUT_MS,
    credentials: own ? ("account" as const) : ("instance" as const),
    outbound: ownBaseUrl ? outboundPolicy(config, { timeoutMs: config.CHRONOGOLF_TIMEOUT_MS, maxBytes: 4 * 1024 * 1024 }) : undefined,
  };
  const missing = (["organizationId", "clientId", "clientSecret", "refreshToken"] as const).filter((k) => !c[k]);
  if (missing.length)
    throw new AppError(
      "unavailable",
      `Golf booking is set to Chronogolf but its ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not configured; an admin can set them under Admin → Golf.`,
    );
  return c;
}

const optionalText = (max: number) =>
  z
    .string({ message: "must be a string" })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .regex(/^[\x21-\x7e]*$/, "must be printable ASCII without spaces");
export const golfSettingsInput = z
  .object({
    provider: z.enum(["embedded", "chronogolf"], { message: "must be embedded or chronogolf" }),
    chronogolf: z
      .object({
        baseUrl: z
          .string()
          .url("must be a URL")
          .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
          .optional(),
        organizationId: optionalText(200).optional(),
        clientId: optionalText(500).optional(),
        clientSecret: optionalText(500).optional(),
        refreshToken: optionalText(2000).optional(),
        timezone: z.string().refine(isValidTimezone, "must be an IANA timezone like America/Toronto").optional(),
      })
      .strict()
      .optional(),
  })
  .partial()
  .strict();

/** GET /api/golf/settings (admin). */
export async function getGolfSettings(deps: Pick<Deps, "db" | "config">, principal: Principal): Promise<PublicGolfSettings> {
  assertScope(principal, "admin");
  return toPublic(await readSettingsRow(deps.db, principal.accountId), deps.config);
}

/** PUT /api/golf/settings (admin): switch provider, set Chronogolf credentials (an empty string clears one). */
export async function updateGolfSettings(
  deps: Pick<Deps, "db" | "config">,
  principal: Principal,
  raw: unknown,
): Promise<PublicGolfSettings> {
  assertScope(principal, "admin");
  const v = parseOrThrow(golfSettingsInput, raw);
  const cg = v.chronogolf ?? {};
  const val = (s: string | undefined) => (s === undefined ? undefined : s === "" ? null : s);
  // The form sends back the base URL it shows; the instance's own is stored as "not the account's".
  const baseUrl = cg.baseUrl === undefined ? undefined : (accountBaseUrl(val(cg.baseUrl) ?? null, deps.config) ?? null);
  await assertBaseUrlAllowed(deps.config, await readSettingsRow(deps.db, principal.accountId), baseUrl, cg);
  const set = Object.fromEntries(
    Object.entries({
      provider: v.provider,
      chronogolfBaseUrl: baseUrl,
      chronogolfOrganizationId: val(cg.organizationId),
      chronogolfClientId: val(cg.clientId),
      chronogolfTimezone: val(cg.timezone),
    }).filter(([, x]) => x !== undefined),
  );
  Object.assign(
    set,
    sealedSetting(CLIENT_SECRET, principal.accountId, val(cg.clientSecret)),
    sealedSetting(REFRESH_TOKEN, principal.accountId, val(cg.refreshToken)),
  );
  // New credentials of the account's own: the access token shared for the old ones is not theirs (chronogolf/token-store.ts).
  const credentialsChanged = [cg.baseUrl, cg.clientId, cg.clientSecret, cg.refreshToken].some((x) => x !== undefined);
  if (credentialsChanged)
    await deps.db.delete(chronogolfTokens).where(like(chronogolfTokens.scope, `${accountTokenScopePrefix(principal.accountId)}%`));
  const [row] = await deps.db
    .insert(golfSettings)
    .values({ accountId: principal.accountId, ...set })
    .onConflictDoUpdate({ target: golfSettings.accountId, set: { ...set, updatedAt: new Date() } })
    .returning();
  // Sealed or not, toPublic only says whether each secret is set.
  return toPublic(row!, deps.config);
}

/** Where the access tokens shared for an account's own credentials are kept (chronogolf/token-store.ts). */
export const accountTokenScopePrefix = (accountId: string) => `account:${accountId}:`;

/** Chronogolf rotates refresh tokens: the new one replaces the stored one (server side only). */
export async function storeRefreshToken(db: Db, accountId: string, token: string): Promise<void> {
  const sealed = sealedSetting(REFRESH_TOKEN, accountId, token);
  await db
    .insert(golfSettings)
    .values({ accountId, ...sealed })
    .onConflictDoUpdate({ target: golfSettings.accountId, set: { ...sealed, updatedAt: new Date() } });
}
