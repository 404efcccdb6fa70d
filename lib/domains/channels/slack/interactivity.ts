import { eq, and } from "drizzle-orm";
import { z } from "zod";
import { members } from "@/lib/adapters/db/schema";
import { getCaseOrThrow, isFinal } from "@/lib/domains/hitl/get-case";
import { caseChoices } from "@/lib/domains/channels/choices";
import type { ChannelReply, ReplyOutcome } from "@/lib/domains/channels/port";
import { replyFromChannel } from "@/lib/domains/channels/reply";
import { readChannelRow, slackTargetOf, type SlackTarget } from "@/lib/domains/channels/targets";
import { ACTION, ANSWER_BLOCK, ANSWER_INPUT, ANSWER_VIEW, answerModal } from "@/lib/domains/channels/slack/blocks";
import { slackClient } from "@/lib/domains/channels/slack/client";
import { verifySlackSignature } from "@/lib/domains/channels/slack/verify";
import type { Deps } from "@/lib/platform/deps";
import { AppError, describeIssues } from "@/lib/platform/errors";
import { log } from "@/lib/platform/log";
import { isUuid } from "@/lib/platform/validation/uuid";

// The parts of Slack's interaction payloads we read (https://docs.slack.dev/reference/interaction-payloads).
const user = z.object({ id: z.string().min(1) }).passthrough();
const payloadSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("block_actions"),
      user,
      trigger_id: z.string().optional(),
      channel: z.object({ id: z.string() }).passthrough().optional(),
      view: z.object({ id: z.string(), private_metadata: z.string().optional() }).passthrough().optional(),
      actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() }).passthrough()).min(1),
    })
    .passthrough(),
  z
    .object({
      type: z.literal("view_submission"),
      user,
      view: z
        .object({
          id: z.string(),
          callback_id: z.string(),
          private_metadata: z.string().optional(),
          state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }).passthrough())) }),
        })
        .passthrough(),
    })
    .passthrough(),
  z.object({ type: z.literal("view_closed") }).passthrough(),
]);
type Payload = z.infer<typeof payloadSchema>;

/** What the route answers Slack at once, and the work that may follow the acknowledgement. */
export type SlackAck = { body: Record<string, unknown> | null; after?: () => Promise<void> };

/** Slack wants an acknowledgement within 3 s; an inline answer that takes longer is finished after it. */
const INLINE_BUDGET_MS = 2000;

/**
 * POST /api/channels/slack/<account id>/interactivity. Order: account with Slack connected (404) → v0 signature
 * over the raw body within 5 minutes (401) → form field `payload` as JSON of a known type (400) → the Slack user
 * must be linked to a member (else told so, privately) → Claim, Answer (opens the modal), a choice button, or the
 * modal's submission, each through replyFromChannel. The modal's answer is given inline so a loss shows in the
 * modal; everything else runs after the acknowledgement.
 */
export async function handleSlackInteraction(
  deps: Deps,
  input: { accountId: string; body: Uint8Array; timestamp: string | null; signature: string | null },
): Promise<SlackAck> {
  const { accountId } = input;
  const target = isUuid(accountId) ? slackTargetOf(await readChannelRow(deps.db, accountId)) : null;
  if (!target) throw new AppError("not_found", "No Slack app is connected for this account.");
  if (!verifySlackSignature({ signingSecret: target.signingSecret, ...input }))
    throw new AppError(
      "unauthorized",
      "X-Slack-Signature does not verify with this account's signing secret, or the request is over 5 minutes old.",
    );
  const form = new URLSearchParams(Buffer.from(input.body).toString("utf8"));
  let json: unknown;
  try {
    json = JSON.parse(form.get("payload") ?? "");
  } catch {
    throw new AppError("bad_request", "payload: must be the interaction payload as JSON.");
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw new AppError("bad_request", `payload: ${describeIssues(parsed.error.issues)}`);
  const p = parsed.data;
  if (p.type === "view_closed") return { body: null };
  const [member] = await deps.db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.accountId, accountId), eq(members.slackUserId, p.user.id), eq(members.active, true)))
    .limit(1);
  const ctx = { deps, accountId, target, slackUser: p.user.id, memberId: member?.id ?? null };
  if (p.type === "view_submission") return submitModal(ctx, p);
  return { body: null, after: () => blockAction(ctx, p) };
}

type Ctx = { deps: Deps; accountId: string; target: SlackTarget; slackUser: string; memberId: string | null };
const NOT_LINKED = "Your Slack user is not linked to a Switchboard member yet: ask an admin to link you under Admin → Members.";

async function reply(ctx: Ctx, caseId: string, r: ChannelReply): Promise<ReplyOutcome> {
  if (!ctx.memberId) return { ok: false, reason: "not_linked", message: NOT_LINKED };
  if (!isUuid(caseId)) return { ok: false, reason: "invalid", message: "That button does not name a question." };
  // Every message about the case then shows the outcome: claimCase and postMessage kick the post sync.
  return replyFromChannel(ctx.deps, { accountId: ctx.accountId, memberId: ctx.memberId, caseId, channel: "slack", reply: r });
}

async function tell(ctx: Ctx, text: string): Promise<void> {
  const client = await slackClient(ctx.deps.config, ctx.target.botToken);
  await client.chat.postEphemeral({ channel: ctx.target.channelId, user: ctx.slackUser, text }).catch(() => {});
}

async function blockAction(ctx: Ctx, p: Extract<Payload, { type: "block_actions" }>): Promise<void> {
  try {
    const action = p.actions[0]!;
    const [kind, index] = action.action_id.split(":");
    if (kind === ACTION.claim) {
      const out = await reply(ctx, action.value ?? "", { action: "claim" });
      if (!out.ok) await tell(ctx, out.message);
    } else if (kind === ACTION.answer) {
      if (!ctx.memberId) return tell(ctx, NOT_LINKED);
      const row = isUuid(action.value ?? "") ? await getCaseOrThrow(ctx.deps.db, ctx.accountId, action.value!) : null;
      if (!row || isFinal(row.status)) return tell(ctx, `This question is ${row?.status ?? "gone"}.`);
      const client = await slackClient(ctx.deps.config, ctx.target.botToken);
      await client.views.open({ trigger_id: p.trigger_id ?? "", view: answerModal(row) as never });
      // Opening the modal claims the case, as opening it in the console does: others see who is answering.
      if (row.status === "open") {
        const out = await reply(ctx, row.id, { action: "claim" });
        if (!out.ok && out.reason === "claimed_by_other") await tell(ctx, out.message);
      }
    } else if (kind === ACTION.choice) {
      const v = JSON.parse(action.value ?? "{}") as { caseId?: string; choice?: number };
      const row = isUuid(v.caseId ?? "") ? await getCaseOrThrow(ctx.deps.db, ctx.accountId, v.caseId!) : null;
      const choice = row ? caseChoices(row).choices?.[Number(index ?? v.choice)] : undefined;
      if (!row || choice === undefined) return tell(ctx, "That choice is not one of this question's.");
      const out = await reply(ctx, row.id, { action: "answer", choice });
      if (!out.ok) await tell(ctx, out.message);
      else if (p.view) {
        const client = await slackClient(ctx.deps.config, ctx.target.botToken);
        await client.views.update({ view_id: p.view.id, view: doneView(choice) as never }).catch(() => {});
      }
    }
  } catch (e) {
    log.warn({ accountId: ctx.accountId, err: e instanceof Error ? e.message : String(e) }, "Slack action failed");
  }
}

const doneView = (answer: string) => ({
  type: "modal",
  title: { type: "plain_text", text: "Answer sent" },
  close: { type: "plain_text", text: "Close" },
  blocks: [{ type: "section", text: { type: "plain_text", text: `Sent to the caller: ${answer.slice(0, 2900)}` } }],
});

async function submitModal(ctx: Ctx, p: Extract<Payload, { type: "view_submission" }>): Promise<SlackAck> {
  if (p.view.callback_id !== ANSWER_VIEW) return { body: null };
  const text = p.view.state.values[ANSWER_BLOCK]?.[ANSWER_INPUT]?.value?.trim() ?? "";
  if (!text) return { body: { response_action: "errors", errors: { [ANSWER_BLOCK]: "Write an answer, or pick a choice." } } };
  const work = reply(ctx, p.view.private_metadata ?? "", { action: "answer", text });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), INLINE_BUDGET_MS)));
  const out = await Promise.race([work, late]).finally(() => clearTimeout(timer));
  if (out === "late") return { body: null, after: async () => void (await work.then((o) => (o.ok ? undefined : tell(ctx, o.message)))) };
  if (!out.ok) return { body: { response_action: "errors", errors: { [ANSWER_BLOCK]: out.message } } };
  return { body: null };
}
