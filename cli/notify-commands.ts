import type { CliIo } from "@/cli/commands";
import type { Principal } from "@/lib/domains/auth/principal";
import { getConfig } from "@/lib/platform/config/env";
import type { Db } from "@/lib/adapters/db/client";
import { AppError } from "@/lib/platform/errors";
import { createNtfy } from "@/lib/domains/notify/ntfy";
import { sendTestNotification } from "@/lib/domains/notify/send-test-notification";
import { readNotifySettings, updateNotifySettings, type NotifySettingsView } from "@/lib/domains/notify/settings";

type Values = Record<string, string | boolean | undefined>;

function show(s: NotifySettingsView, out: CliIo["out"]) {
  out(`server\t${s.serverUrl}${s.serverUrlIsDefault ? " (default)" : ""}`);
  out(`default-topic\t${s.defaultTopic ?? "-"}`);
  out(`oncall-topic\t${s.oncallTopic ?? "-"}`);
  out(`token\t${s.accessTokenSet ? `set (…${s.accessTokenLast4})` : "not set"}`);
}

/**
 * `switchboard notify settings|test`: the account's ntfy settings from the command line. The CLI runs with
 * the operator's own access to the database, so it acts as the account's admin (audited as "cli").
 */
export async function runNotifyCommand(db: Db, verb: string, values: Values, accountId: string, { out, info }: CliIo): Promise<number> {
  const admin: Principal = { kind: "api_key", accountId, keyId: "cli", keyPrefix: "cli", scopes: ["admin"] };
  const config = getConfig();
  // A one-shot process: the ntfy adapter is built for this command alone.
  const deps = { db, config, notifier: createNtfy({ timeoutMs: config.NTFY_TIMEOUT_MS }) };
  if (verb === "settings") {
    const change: Record<string, unknown> = {};
    const str = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
    const orNull = (v: string | undefined) => (v === undefined ? undefined : v === "" || v === "default" || v === "none" ? null : v);
    if (str("server") !== undefined) change.serverUrl = orNull(str("server"));
    if (str("default-topic") !== undefined) change.defaultTopic = orNull(str("default-topic"));
    if (str("oncall-topic") !== undefined) change.oncallTopic = orNull(str("oncall-topic"));
    if (str("token") !== undefined) change.accessToken = str("token");
    if (values["clear-token"]) change.accessToken = null;
    const view = Object.keys(change).length ? await updateNotifySettings(deps, admin, change) : await readNotifySettings(deps, admin);
    show(view, out);
    if (Object.keys(change).length) info("Saved.");
    return 0;
  }
  if (verb === "test") {
    const topic = typeof values.topic === "string" ? values.topic : undefined;
    const r = await sendTestNotification(deps, admin, topic ? { topic } : {});
    out(r.status);
    info(r.message);
    return r.status === "sent" ? 0 : r.status === "queued" ? 0 : 1;
  }
  throw new AppError("validation_failed", `Unknown command "notify ${verb}" (use notify settings or notify test)`);
}
