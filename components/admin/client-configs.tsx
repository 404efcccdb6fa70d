"use client";

import { useMemo, type ReactNode } from "react";
import { CopyButton } from "@/components/admin/copy-button";
import { clientConfigs } from "@/lib/domains/api-keys/client-configs";

/** Notes mark commands and file names with backticks; show those as code. */
function withCode(text: string): ReactNode[] {
  // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed string never move, so an index is a stable key
  return text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

/**
 * Ready-made configurations for Claude Desktop, Cursor, MCP Inspector, curl and Retell, built from the
 * app's real URL. With a fresh key they are complete; otherwise they carry a placeholder to replace.
 */
export function ClientConfigs({
  baseUrl,
  apiKey,
  headingLevel = 3,
  label = "Client configurations",
}: {
  baseUrl: string;
  apiKey: string;
  headingLevel?: 2 | 3;
  label?: string;
}) {
  const configs = useMemo(() => clientConfigs({ baseUrl, key: apiKey }), [baseUrl, apiKey]);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-label={label} className="adm-configs">
      <Heading>Connect a client</Heading>
      {configs.map((c, i) => (
        <details key={c.id} open={i === 0} data-client-config={c.id}>
          <summary>{c.title}</summary>
          <p className="adm-muted">
            Paste into <PastePlace where={c.where} />.
          </p>
          {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole lint/a11y/noNoninteractiveTabindex: scrolls sideways when long: focusable so a keyboard user can scroll it too, and named so the focus stop is announced */}
          <pre tabIndex={0} aria-label={`${c.title} configuration`}>
            <code data-testid={`client-config-${c.id}`}>{c.text}</code>
          </pre>
          <div className="adm-secret">
            <CopyButton value={c.text} label="Copy" ariaLabel={`Copy the ${c.title} configuration`} />
          </div>
          <p className="adm-muted">
            {withCode(c.note)}
            {c.id === "retell" && (
              <>
                {" "}
                <a href="/admin/retell">Connect Retell</a>
              </>
            )}
          </p>
        </details>
      ))}
    </section>
  );
}

/** "a terminal" stays words; "claude_desktop_config.json" or "~/.cursor/mcp.json" is a path, in code font. */
function PastePlace({ where }: { where: string }) {
  return where.split(/(\s+)/).map((word, i) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the words of one fixed sentence, never reordered
    /^[~.\w-]*[./][\w./~-]+$/.test(word) ? <code key={i}>{word}</code> : word,
  );
}
