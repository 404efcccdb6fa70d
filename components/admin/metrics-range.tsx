"use client";

import { useEffect, useState } from "react";
import { PRESETS, presetRange, type Range } from "@/components/admin/metrics-presets";
import { Button } from "@/components/ui/button";

// <input type="datetime-local"> speaks local wall-clock time without a zone.
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** Presets plus a custom from/to; reports the chosen range upward. */
export function MetricsRange({ value, onChange }: { value: Range; onChange: (r: Range) => void }) {
  // Filled after mount: the server does not know the browser's time zone (avoids a hydration mismatch).
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on mount: presets and Apply update the fields themselves
  useEffect(() => {
    setFrom(toLocalInput(value.from));
    setTo(toLocalInput(value.to));
  }, []);
  const [error, setError] = useState<string | null>(null);
  function applyCustom() {
    const f = new Date(from);
    const t = new Date(to);
    if (Number.isNaN(f.getTime()) || Number.isNaN(t.getTime())) return setError("Enter both dates.");
    if (f >= t) return setError("“From” must be before “to”.");
    setError(null);
    onChange({ from: f.toISOString(), to: t.toISOString(), preset: "custom" });
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would bring the admin form's fieldset border and spacing; role="group" names the same grouping
    <div className="adm-range" role="group" aria-label="Date range">
      {PRESETS.map((p) => (
        <Button
          key={p.id}
          variant="secondary"
          aria-pressed={value.preset === p.id}
          onClick={() => {
            const r = presetRange(p.id);
            setFrom(toLocalInput(r.from));
            setTo(toLocalInput(r.to));
            onChange(r);
          }}
        >
          {p.label}
        </Button>
      ))}
      <div>
        <label htmlFor="range-from">From</label>
        <input id="range-from" className="ui-input" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div>
        <label htmlFor="range-to">To</label>
        <input id="range-to" className="ui-input" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <Button variant="secondary" aria-pressed={value.preset === "custom"} onClick={applyCustom}>
        Apply custom range
      </Button>
      {error && (
        <p role="alert" className="error" style={{ margin: 0 }}>
          {error}
        </p>
      )}
    </div>
  );
}
