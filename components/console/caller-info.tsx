import type { ConsoleCase } from "@/components/console/types";

/** Caller details as plain text (values may be anything an agent sent: render, never interpret). */
export function callerSummary(info: ConsoleCase["callerInfo"]): string | null {
  if (!info) return null;
  const pick = (k: string) => (typeof info[k] === "string" || typeof info[k] === "number" ? String(info[k]) : null);
  const parts = [pick("name"), pick("phone") ?? pick("phoneNumber") ?? pick("from"), pick("account") ?? pick("email")].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

export function CallerInfo({ info }: { info: ConsoleCase["callerInfo"] }) {
  const entries = Object.entries(info ?? {});
  if (!entries.length) return <p className="cx-muted">No caller details.</p>;
  return (
    <dl className="cx-dl">
      {entries.slice(0, 20).map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{show(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
