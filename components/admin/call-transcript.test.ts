import { createElement, type ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { CallTranscript } from "@/components/admin/call-transcript";
import type { CallEscalation } from "@/lib/domains/calls/call-escalations";

const escalation = (over: Partial<CallEscalation>): CallEscalation => ({
  caseId: "c1",
  question: "Where to seat the party?",
  status: "answered",
  answer: null,
  choices: null,
  choice: null,
  answeredBy: "Ana",
  atSeconds: 12,
  waitSeconds: 4,
  waitOutcome: "answered",
  createdAt: "2026-12-06T12:00:00.000Z",
  ...over,
});
// react-dom ships no types here (no @types/react-dom); the one function used is typed by hand.
const serverModule: string = "react-dom/server";
const { renderToStaticMarkup } = (await import(serverModule)) as { renderToStaticMarkup: (el: ReactElement) => string };
const render = (e: CallEscalation) => renderToStaticMarkup(createElement(CallTranscript, { turns: [], escalations: [e] }));
const text = (html: string) => html.replace(/<[^>]+>/g, "");

/** Admin → call: an escalation answered with a choice says which, beside the choices the agent offered. */
describe("CallTranscript escalations with choices", () => {
  it("a picked choice shows once, with the choices offered", () => {
    const html = render(escalation({ answer: "Indoor table", choices: ["Terrace table", "Indoor table"], choice: "Indoor table" }));
    expect(text(html)).toContain("Picked: Indoor table");
    expect(text(html)).toContain("Choices offered: Terrace table · Indoor table");
    expect(text(html)).not.toContain("“Indoor table”");
  });

  it("words with a choice show both; words alone say the choices were passed over", () => {
    const both = text(render(escalation({ answer: "Only by the window", choices: ["Terrace", "Indoor"], choice: "Indoor" })));
    expect(both).toContain("Picked: Indoor");
    expect(both).toContain("“Only by the window”");
    const words = text(render(escalation({ answer: "Ask again later", choices: ["Terrace", "Indoor"] })));
    expect(words).not.toContain("Picked");
    expect(words).toContain("Choices offered: Terrace · Indoor (answered in words)");
  });

  it("an escalation without choices shows none", () => {
    const html = text(render(escalation({ answer: "Yes" })));
    expect(html).not.toMatch(/Picked|Choices offered/);
  });
});
