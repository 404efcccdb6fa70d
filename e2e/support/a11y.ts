import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require_ = createRequire(__filename);
const AXE_PATH = require_.resolve("axe-core/axe.min.js");

export type Violation = { id: string; impact: string | null; help: string; targets: string[] };

/**
 * Runs axe-core (WCAG 2.x A/AA rules plus best practices) in the page and returns the serious and
 * critical violations. axe.min.js is injected as a script tag, so the context must be created with
 * bypassCSP: our pages only run scripts carrying the response's nonce.
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    const r = await axe.run(document, {
      resultTypes: ["violations"],
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  });
}

export type FocusStop = { what: string; visible: boolean };

/**
 * Presses Tab through the page (bounded) and reports, for every element that took focus, whether a focus
 * indicator is drawn (an outline or a box-shadow while :focus-visible), and which visible interactive
 * elements were never reached.
 */
export async function tabThrough(page: Page, max = 300): Promise<{ stops: FocusStop[]; unreached: string[] }> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    window.scrollTo(0, 0);
  });
  const stops: FocusStop[] = [];
  const seen = new Set<string>();
  let last: string | undefined;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const s = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      if (!el.dataset.a11yStop) el.dataset.a11yStop = String(document.querySelectorAll("[data-a11y-stop]").length);
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
      const shadow = cs.boxShadow !== "none";
      const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
      return { key: el.dataset.a11yStop, what: label, visible: el.matches(":focus-visible") && (outline || shadow) };
    });
    if (!s) continue;
    // Tab also walks the parts of one control (a date-time input's day, month, hour…): same element, go on.
    if (s.key === last) continue;
    if (seen.has(s.key)) break; // wrapped around
    last = s.key;
    seen.add(s.key);
    stops.push({ what: s.what, visible: s.visible });
  }
  const unreached = await page.evaluate(() => {
    const sel =
      "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";
    return (
      [...document.querySelectorAll<HTMLElement>(sel)]
        // Content of a closed <details> is not shown (only its summary is), so it is not expected to take focus.
        .filter(
          (el) =>
            !el.dataset.a11yStop &&
            el.getClientRects().length > 0 &&
            getComputedStyle(el).visibility !== "hidden" &&
            !el.closest("[inert],[aria-hidden=true]"),
        )
        .filter((el) => {
          const d = el.closest("details");
          return !d || d.open || !!el.closest("summary");
        })
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`,
        )
    );
  });
  return { stops, unreached };
}
