import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";
import type { MemoryDeps } from "@/lib/domains/memory/port";
import { memoryAnswers } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { csvField } from "@/lib/domains/sheets/export-csv";
import { entryValues, listMemoryEntries } from "@/lib/domains/memory/entries";
import { toPublicMemoryEntry } from "@/lib/domains/memory/present";
import { memoryEntryInput, type PublicMemoryEntry } from "@/lib/domains/memory/schemas";
import { parseOrThrow } from "@/lib/platform/validation/parse";

export const MAX_IMPORT_ENTRIES = 5000;
export const MAX_EXPORT_ENTRIES = 5000;
/** The columns of the CSV, in order; an import needs question and answer, the rest are optional. */
export const CSV_COLUMNS = ["question", "answer", "tags", "validUntil", "answeredBy", "approvedForAuto"] as const;

const importSchema = z.object({
  entries: z
    .array(memoryEntryInput)
    .min(1, "must hold at least one entry")
    .max(MAX_IMPORT_ENTRIES, `at most ${MAX_IMPORT_ENTRIES} entries`),
});

/** A CSV cell our export defused ("'=…") is read back as written. */
const undefuse = (s: string) => (/^'[=@+-]/.test(s) ? s.slice(1) : s);

/** CSV rows (header first) → entry objects; empty optional cells are left out. */
function entriesFromCsv(text: string): Record<string, unknown>[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text.replace(/^\uFEFF/, ""), { columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true, trim: true });
  } catch (e) {
    throw new AppError("bad_request", `The CSV could not be read: ${(e as Error).message.split("\n")[0]}`);
  }
  return rows.map((r) => {
    const entry: Record<string, unknown> = { question: undefuse(r.question ?? ""), answer: undefuse(r.answer ?? "") };
    if (r.tags)
      entry.tags = r.tags
        .split(/[;|]/)
        .map((t) => t.trim())
        .filter(Boolean);
    if (r.validUntil) entry.validUntil = r.validUntil;
    if (r.answeredBy) entry.answeredBy = undefuse(r.answeredBy);
    if (r.approvedForAuto) entry.approvedForAuto = /^(true|yes|1)$/i.test(r.approvedForAuto);
    return entry;
  });
}

/**
 * POST /api/memory/import — an FAQ as CSV (header row: question, answer, tags, validUntil, answeredBy,
 * approvedForAuto) or JSON ({entries: [...]} or a bare array). All or nothing: one bad row is a 422
 * naming it (entries.N = the N+1th data row) and nothing is saved.
 */
export async function importMemoryEntries(
  deps: MemoryDeps,
  principal: Principal,
  body: { format: "csv" | "json"; text: string },
): Promise<{ imported: number }> {
  assertScope(principal, "admin");
  let raw: unknown;
  if (body.format === "csv") raw = { entries: entriesFromCsv(body.text) };
  else {
    try {
      const parsed = JSON.parse(body.text) as unknown;
      raw = Array.isArray(parsed) ? { entries: parsed } : parsed;
    } catch {
      throw new AppError("bad_request", "Request body is not valid JSON.");
    }
  }
  const { entries } = parseOrThrow(importSchema, raw);
  await deps.db.transaction(async (tx) => {
    for (let i = 0; i < entries.length; i += 500)
      await tx.insert(memoryAnswers).values(entries.slice(i, i + 500).map((e) => entryValues(principal, e)));
  });
  return { imported: entries.length };
}

/** GET /api/memory/export?format=csv|json — every entry of the account (newest first). */
export async function exportMemoryEntries(
  deps: MemoryDeps,
  principal: Principal,
  format: "csv" | "json",
): Promise<{ contentType: string; body: string }> {
  assertScope(principal, "admin");
  const entries = (await listMemoryEntries(deps, principal.accountId, { limit: MAX_EXPORT_ENTRIES })).map(toPublicMemoryEntry);
  if (format === "json") return { contentType: "application/json", body: JSON.stringify({ entries }, null, 2) };
  const header = [...CSV_COLUMNS, "id", "answeredAt", "suggested", "reused", "autoUsed"];
  const line = (e: PublicMemoryEntry) =>
    [
      e.question,
      e.answer,
      e.tags.join(";"),
      e.validUntil ?? "",
      e.answeredBy.name,
      String(e.approvedForAuto),
      e.id,
      e.answeredAt,
      e.counts.suggested,
      e.counts.reused,
      e.counts.autoUsed,
    ]
      .map(csvField)
      .join(",");
  return { contentType: "text/csv; charset=utf-8", body: `${[header.join(","), ...entries.map(line)].join("\r\n")}\r\n` };
}
