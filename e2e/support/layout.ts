import type { Locator, Page } from "playwright-core";

export type Box = { x: number; y: number; width: number; height: number };

/**
 * Form controls a person cannot fully see: a visible input, select, textarea or button whose box leaves the
 * viewport sideways, or is cut by an ancestor that clips (overflow other than visible). Also reports a page
 * wider than the viewport (the whole layout scrolls sideways). Measured in the page, after layout.
 */
export async function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = document.documentElement.clientWidth;
    // A box that scrolls sideways on its own (a wide table's wrapper) keeps what it holds reachable.
    const scrolls = (el: Element) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    const inScrollBox = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) return true;
      return false;
    };
    if (document.documentElement.scrollWidth > vw + 1) {
      // Name the first element that sticks out, so the message says where to look.
      const wide = [...document.body.querySelectorAll("*")].find(
        (el) => el.getBoundingClientRect().right > vw + 1 && !inScrollBox(el) && getComputedStyle(el).position !== "absolute",
      );
      const where = wide ? ` by ${wide.tagName.toLowerCase()}.${[...wide.classList].join(".")}` : "";
      problems.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${vw} px)${where}`);
    }
    const name = (el: Element) => {
      const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
      const text = label ?? el.getAttribute("aria-label") ?? el.textContent ?? el.getAttribute("name") ?? "";
      return `${el.tagName.toLowerCase()} "${text.trim().slice(0, 40)}"`;
    };
    for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea, button")) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (!r.width || !r.height || style.visibility === "hidden") continue;
      // The skip link and visually hidden helpers sit off-screen on purpose; they are not form controls.
      if ((r.left < -1 || r.right > vw + 1) && !inScrollBox(el)) {
        problems.push(`${name(el)} leaves the viewport (${Math.round(r.left)}–${Math.round(r.right)} of ${vw} px)`);
        continue;
      }
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ps = getComputedStyle(p);
        if (ps.overflowX === "visible" && ps.overflowY === "visible") continue;
        const pr = p.getBoundingClientRect();
        // A scrolling container (a wide table) lets the person scroll to it; only hidden/clip cuts for good.
        if (ps.overflowX !== "hidden" && ps.overflowX !== "clip" && ps.overflowY !== "hidden" && ps.overflowY !== "clip") continue;
        if (r.left < pr.left - 1 || r.right > pr.right + 1 || r.top < pr.top - 1 || r.bottom > pr.bottom + 1)
          problems.push(`${name(el)} is cut by its container ${p.tagName.toLowerCase()}.${p.className}`);
        break;
      }
      // A control narrower than what it shows (a select's chosen option, an input's value) is cut inside itself.
      if (el.tagName === "SELECT") {
        const s = el as HTMLSelectElement;
        const ctx = document.createElement("canvas").getContext("2d")!;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = ctx.measureText(s.selectedOptions[0]?.text ?? "").width;
        // Room for the text: the box less its padding and the drop-down arrow (about 20 px in Chromium).
        const room = s.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight) - 20;
        if (text > room + 1) problems.push(`${name(el)} cuts its chosen option (${Math.round(text)} px of text in ${Math.round(room)} px)`);
      }
    }
    return problems;
  });
}

export async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`no box for ${locator}`);
  return box;
}

/** Horizontal gap between two boxes on one line (negative when they overlap), or the vertical gap when stacked. */
export function gapBetween(a: Box, b: Box): number {
  const sameLine = a.y < b.y + b.height && b.y < a.y + a.height;
  if (sameLine) return a.x < b.x ? b.x - (a.x + a.width) : a.x - (b.x + b.width);
  return a.y < b.y ? b.y - (a.y + a.height) : a.y - (b.y + b.height);
}

/**
 * Fields of one form row whose labels start at different heights: label-over-control pairs whose controls
 * share a line must have their labels share one too (a wrapped label or a taller control must not shift them).
 */
export async function misalignedLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const form of document.querySelectorAll("form")) {
      const fields = [...form.querySelectorAll("label[for]")]
        .map((label) => ({ label, control: document.getElementById(label.getAttribute("for") ?? "") }))
        .filter((f): f is { label: Element; control: HTMLElement } => !!f.control && f.control.getBoundingClientRect().width > 0)
        .filter((f) => f.label.getBoundingClientRect().bottom <= f.control.getBoundingClientRect().top + 2); // label above its control
      for (const a of fields)
        for (const b of fields) {
          if (a === b) continue;
          const ca = a.control.getBoundingClientRect();
          const cb = b.control.getBoundingClientRect();
          const sameLine = ca.top < cb.bottom && cb.top < ca.bottom;
          const ta = a.label.getBoundingClientRect().top;
          const tb = b.label.getBoundingClientRect().top;
          if (sameLine && ta < tb - 2)
            problems.push(`"${a.label.textContent?.trim()}" starts ${Math.round(tb - ta)} px above "${b.label.textContent?.trim()}"`);
        }
    }
    return problems;
  });
}

/** Buttons (and button-styled links) side by side with less than `min` px between them. */
export async function touchingButtons(page: Page, min = 4): Promise<string[]> {
  return page.evaluate((min) => {
    const problems: string[] = [];
    const isButton = (el: Element) => el.tagName === "BUTTON" || el.classList.contains("ui-btn");
    for (const parent of new Set([...document.querySelectorAll("button, .ui-btn")].map((b) => b.parentElement!))) {
      const boxes = [...parent.children]
        .filter(isButton)
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter((b) => b.r.width > 0)
        .sort((x, y) => x.r.left - y.r.left);
      for (let i = 1; i < boxes.length; i++) {
        const [a, b] = [boxes[i - 1]!, boxes[i]!];
        const sameLine = a.r.top < b.r.bottom && b.r.top < a.r.bottom;
        if (sameLine && b.r.left - a.r.right < min)
          problems.push(`"${a.el.textContent?.trim()}" and "${b.el.textContent?.trim()}" are ${Math.round(b.r.left - a.r.right)} px apart`);
      }
    }
    return problems;
  }, min);
}
