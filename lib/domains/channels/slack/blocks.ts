import type { CaseRow } from "@/lib/adapters/db/schema";
import { caseChoices } from "@/lib/domains/channels/choices";

// Block Kit JSON (https://docs.slack.dev/reference/block-kit): plain objects, so this file loads no SDK.
type Block = Record<string, unknown>;

export const ACTION = { claim: "case_claim", answer: "case_answer", choice: "case_choice" } as const;
export const ANSWER_VIEW = "case_answer_modal";
export const ANSWER_BLOCK = "answer";
export const ANSWER_INPUT = "text";

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
// Slack's mrkdwn treats &, < and > as control characters: escaped, a caller's words cannot mention @channel or link.
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

function callerLine(row: CaseRow): string | null {
  const info = row.callerInfo ?? {};
  const parts = ["name", "phone", "number", "email"].map((k) => info[k]).filter((v): v is string => typeof v === "string" && v.length > 0);
  if (row.context) parts.push(row.context);
  return parts.length ? clip(parts.map(esc).join(" · "), 1500) : null;
}

const button = (text: string, actionId: string, value: string, style?: "primary" | "danger") => ({
  type: "button",
  text: { type: "plain_text", text: clip(text, 75) },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/** One button per choice; action ids must be unique within a block, so each carries its number. */
function choiceButtons(row: CaseRow): Block | null {
  const { choices } = caseChoices(row);
  if (!choices) return null;
  return {
    type: "actions",
    block_id: "choices",
    elements: choices.map((c, i) => button(`${i + 1}. ${c}`, `${ACTION.choice}:${i}`, JSON.stringify({ caseId: row.id, choice: i }))),
  };
}

/** The case as a Slack message: question, caller context, the caller's deadline, and what can be done now. */
export function caseMessage(row: CaseRow, holder: string | null): { text: string; blocks: Block[] } {
  const question = clip(esc(row.question), 2800);
  const blocks: Block[] = [{ type: "section", text: { type: "mrkdwn", text: `*A caller asks:*\n${question}` } }];
  const caller = callerLine(row);
  if (caller) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: caller }] });
  const by = holder ? esc(holder) : "someone";
  if (row.status === "open" || row.status === "claimed") {
    const deadline = `<!date^${unix(row.waitDeadlineAt)}^{time_secs}|${row.waitDeadlineAt.toISOString()}>`;
    const state = row.status === "claimed" ? `:raising_hand: Claimed by *${by}*` : ":hourglass_flowing_sand: Waiting for someone";
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${state} · the caller waits until ${deadline}` }] });
    const choices = choiceButtons(row);
    if (choices) blocks.push(choices);
    blocks.push({
      type: "actions",
      block_id: "case",
      elements: [
        ...(row.status === "open" ? [button("Claim", ACTION.claim, row.id, "primary")] : []),
        button("Answer", ACTION.answer, row.id),
      ],
    });
  } else if (row.status === "answered") {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `:white_check_mark: Answered by *${by}*:\n${clip(esc(row.answer ?? ""), 2800)}` },
    });
  } else {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `This question was ${row.status}.` }] });
  }
  return { text: `A caller asks: ${clip(row.question, 300)}`, blocks };
}

/** The Answer modal: a text box (unless only the choices may answer) and a button per choice. */
export function answerModal(row: CaseRow): Block {
  const { choices, choicesOnly } = caseChoices(row);
  const blocks: Block[] = [{ type: "section", text: { type: "mrkdwn", text: `*A caller asks:*\n${clip(esc(row.question), 2800)}` } }];
  const buttons = choiceButtons(row);
  if (buttons) blocks.push(buttons);
  if (!choicesOnly) {
    blocks.push({
      type: "input",
      block_id: ANSWER_BLOCK,
      optional: !!choices,
      label: { type: "plain_text", text: "Your answer" },
      element: { type: "plain_text_input", action_id: ANSWER_INPUT, multiline: true, max_length: 3000 },
    });
  }
  return {
    type: "modal",
    callback_id: ANSWER_VIEW,
    private_metadata: row.id,
    title: { type: "plain_text", text: "Answer the caller" },
    ...(choicesOnly ? {} : { submit: { type: "plain_text", text: "Send answer" } }),
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}
