import fs from "node:fs";
import path from "node:path";
import type { CliIo } from "@/cli/commands";
import type { Principal } from "@/lib/domains/auth/principal";
import { getConfig } from "@/lib/platform/config/env";
import type { Db } from "@/lib/adapters/db/client";
import { AppError } from "@/lib/platform/errors";
import { exportMemoryEntries, importMemoryEntries } from "@/lib/domains/memory/import-export";
import { getMemorySettings, updateMemorySettings, type MemorySettings } from "@/lib/domains/memory/settings";

type Values = Record<string, string | boolean | undefined>;

function show(s: MemorySettings, out: CliIo["out"]) {
  out(`auto-answer\t${s.autoAnswer ? "on" : "off"}${s.autoAnswerSetting === null ? " (default: on once an entry is approved)" : ""}`);
  out(`threshold\t${s.threshold}${s.thresholdSetting === null ? " (default)" : ""}`);
  out(`approved-entries\t${s.approvedEntries}`);
}

/**
 * `switchboard memory import|export|settings`: an account's saved answers from the command line (a
 * business starts with its FAQ). Like the other commands it acts as the account's admin.
 */
export async function runMemoryCommand(
  db: Db,
  verb: string,
  rest: string[],
  values: Values,
  accountId: string,
  io: CliIo,
): Promise<number> {
  const admin: Principal = { kind: "api_key", accountId, keyId: "cli", keyPrefix: "cli", scopes: ["admin"] };
  const deps = { db, config: getConfig() };
  const format = values.format === "csv" || values.format === "json" ? values.format : undefined;
  if (values.format !== undefined && !format) throw new AppError("validation_failed", "--format: must be csv or json");
  if (verb === "import") {
    if (!rest[0]) throw new AppError("validation_failed", "memory import: name the file (CSV or JSON)");
    const file = path.resolve(rest[0]);
    if (!fs.existsSync(file)) throw new AppError("validation_failed", `memory import: ${rest[0]} does not exist`);
    const text = fs.readFileSync(file, "utf8");
    const r = await importMemoryEntries(deps, admin, { format: format ?? (file.toLowerCase().endsWith(".csv") ? "csv" : "json"), text });
    io.out(String(r.imported));
    io.info(`Imported ${r.imported} saved answers.`);
    return 0;
  }
  if (verb === "export") {
    const r = await exportMemoryEntries(deps, admin, format ?? "json");
    io.out(r.body.replace(/\r?\n$/, ""));
    return 0;
  }
  if (verb === "settings") {
    const change: Record<string, unknown> = {};
    const auto = values.auto;
    if (auto !== undefined) {
      if (auto === "on" || auto === "off") change.autoAnswer = auto === "on";
      else if (auto === "default") change.autoAnswer = null;
      else throw new AppError("validation_failed", "--auto: must be on, off or default");
    }
    if (typeof values.threshold === "string")
      change.threshold =
        values.threshold === "default" ? null : Number.isNaN(Number(values.threshold)) ? values.threshold : Number(values.threshold);
    const s = Object.keys(change).length ? await updateMemorySettings(deps, admin, change) : await getMemorySettings(deps, accountId);
    show(s, io.out);
    if (Object.keys(change).length) io.info("Saved.");
    return 0;
  }
  throw new AppError("validation_failed", `Unknown command "memory ${verb}" (use memory import, memory export or memory settings)`);
}
