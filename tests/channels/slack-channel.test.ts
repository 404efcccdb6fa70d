import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as slackRoute } from "@/app/api/channels/slack/[accountId]/interactivity/route";
import { caseMessages, cases, members } from "@/lib/adapters/db/schema";
import type { Principal } from "@/lib/domains/auth/principal";
import { lookupMemberSlackUser, updateMemberChannels } from "@/lib/domains/channels/member-channels";
import { countReachable } from "@/lib/domains/channels/reachability";
import { readChannelSettings, updateChannelSettings } from "@/lib/domains/channels/settings";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { createCase } from "@/lib/domains/hitl/create-case";
import { getDeps } from "@/lib/composition/deps";
import type { Deps } from "@/lib/platform/deps";
import { startApp, type App } from "@/tests/support/matrix/app-harness";
import { startSlackStandin, type SlackMessage, type SlackStandin } from "@/tests/support/slack-standin";
import { expectAppError, waitFor } from "@/tests/hitl/helpers";

/**
 * Slack as a channel, end to end against the stand-in: the ladder posts a new case; Claim and the Answer modal
 * come back through the signed interactivity route and make the console's own claim and answer; the waiting
 * ask_human returns the answer once; the message is updated in place; unsigned or stale requests do nothing.
 */
let app: App;
let slack: SlackStandin;
const ALWAYS = { timeZone: "UTC", days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "00:00" };
// The process's deps, as the routes get them: the settings (SLACK_API_URL) come from the environment, kicks included.
let deps: () => Deps;
const send = (accountId: string) => (req: Request) => slackRoute(req, { params: Promise.resolve({ accountId }) });
const messageFor = (question: string) => () => [...slack.messages.values()].find((m) => m.text.includes(question));
const mrkdwn = (m: SlackMessage) => JSON.stringify(m.blocks);

async function linkedOperator(slackId: string): Promise<Extract<Principal, { kind: "member" }>> {
  const m = await app.newMember("operator");
  slack.users.set(m.email.toLowerCase(), slackId);
  const found = await lookupMemberSlackUser(deps(), app.adminKey, m.id);
  expect(found.slackUserId).toBe(slackId);
  await updateMemberChannels(deps(), app.adminKey, m.id, { slackUserId: found.slackUserId, onCall: ALWAYS });
  return { kind: "member", accountId: app.accountA.id, memberId: m.id, role: "operator", email: m.email, name: m.name };
}

beforeAll(async () => {
  slack = await startSlackStandin();
  process.env.SLACK_API_URL = slack.apiUrl;
  app = await startApp();
  const processDeps = await getDeps();
  deps = () => processDeps;
  await updateChannelSettings(deps(), app.adminKey, {
    slack: { botToken: slack.botToken, signingSecret: slack.signingSecret, channelId: slack.channelId },
  });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await slack?.close();
  delete process.env.SLACK_API_URL;
});

describe("Slack channel", () => {
  it("connecting checks the token with auth.test and never shows the secrets back", async () => {
    const view = await readChannelSettings(deps(), app.adminKey);
    expect(view.slack).toMatchObject({ connected: true, channelId: slack.channelId, teamId: slack.teamId, botTokenSet: true });
    expect(JSON.stringify(view)).not.toContain(slack.botToken);
    expect(JSON.stringify(view)).not.toContain(slack.signingSecret);
    await expectAppError(
      updateChannelSettings(deps(), app.adminKey, { slack: { botToken: "xoxb-not-the-right-token" } }),
      "validation_failed",
      /slack\.botToken/,
    );
    await expectAppError(
      updateChannelSettings(deps(), app.adminKey, { slack: { channelId: "general" } }),
      "validation_failed",
      /slack\.channelId/,
    );
  });

  it("linking takes only the Slack user the email lookup finds", async () => {
    const m = await app.newMember("operator");
    await expectAppError(lookupMemberSlackUser(deps(), app.adminKey, m.id), "not_found", /No Slack user/);
    slack.users.set(m.email.toLowerCase(), "UREAL0001");
    await expectAppError(
      updateMemberChannels(deps(), app.adminKey, m.id, { slackUserId: "UOTHER001" }),
      "validation_failed",
      /slackUserId/,
    );
  });

  it("a console-less account with a Slack member on call is reachable; answered through the modal, once, and shown in place", async () => {
    const olive = await linkedOperator("UOLIVE001");
    expect(await countReachable(app.deps, app.accountA.id)).toMatchObject({ console: 0, slack: 1, total: 1 });
    const question = "Can the 7 pm table for six move to the terrace?";
    const asked = askHuman(deps(), app.agent, { question, timeoutSeconds: 30, callerInfo: { name: "Ada" } });

    const post = await waitFor(messageFor(question));
    expect(mrkdwn(post)).toContain("case_claim");
    expect(mrkdwn(post)).toContain("Ada");
    const caseId = /"value":"([0-9a-f-]{36})"/.exec(mrkdwn(post))![1]!;

    // Answer → the modal opens (within Slack's trigger window), then its submission answers the case.
    const opened = await slack.interact(
      slack.blockAction("UOLIVE001", { action_id: "case_answer", value: caseId }, { message: post }),
      send(app.accountA.id),
    );
    expect(opened.status).toBe(200);
    await slack.waitFor((s) => s.views.some((v) => v.view.private_metadata === caseId));
    const view = slack.views.find((v) => v.view.private_metadata === caseId)!;
    // Opening the modal claims the case for Olive, shown in the channel while she types.
    await slack.waitFor(() => mrkdwn(post).includes("Claimed by"));
    expect(mrkdwn(post)).toContain(olive.name);
    expect(mrkdwn(post)).not.toContain("case_claim");
    const submitted = await slack.interact(
      slack.viewSubmission("UOLIVE001", view.viewId, "Yes, the terrace is ready for them."),
      send(app.accountA.id),
    );
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe(""); // closes the modal

    const result = await asked;
    expect(result).toMatchObject({ status: "answered", caseId, answer: "Yes, the terrace is ready for them." });
    const [row] = await app.deps.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ status: "answered", answeredByMemberId: olive.memberId, claimedVia: "slack", answeredVia: "slack" });
    const human = await app.deps.db
      .select()
      .from(caseMessages)
      .where(and(eq(caseMessages.caseId, caseId), eq(caseMessages.senderType, "human")));
    expect(human).toHaveLength(1);
    await slack.waitFor(() => mrkdwn(post).includes("Answered by"));
    expect(mrkdwn(post)).not.toContain("case_claim");

    // A second submission (a double click, another member) changes nothing and says why in the modal.
    const again = await slack.interact(slack.viewSubmission("UOLIVE001", view.viewId, "Something else"), send(app.accountA.id));
    expect(await again.json()).toMatchObject({ response_action: "errors", errors: { answer: "This question was already answered." } });
    expect(
      await app.deps.db
        .select()
        .from(caseMessages)
        .where(and(eq(caseMessages.caseId, caseId), eq(caseMessages.senderType, "human"))),
    ).toHaveLength(1);
  });

  it("Claim from Slack while the console claims: one wins, the message shows the winner, the loser is told privately", async () => {
    await linkedOperator("UBRUNO001");
    const consoleOperator = await app.newMember("operator");
    const other: Principal = {
      kind: "member",
      accountId: app.accountA.id,
      memberId: consoleOperator.id,
      role: "operator",
      email: consoleOperator.email,
      name: "Cleo Console",
    };
    await app.deps.db.update(members).set({ name: "Cleo Console" }).where(eq(members.id, consoleOperator.id));
    const question = "Is the spa open on public holidays?";
    const { case: c } = await createCase(deps(), app.agent, { question }, { source: "api" });
    const post = await waitFor(messageFor(question));
    const told = () => slack.ephemerals.filter((e) => e.user === "UBRUNO001");

    const [fromSlack, fromConsole] = await Promise.allSettled([
      slack.interact(slack.blockAction("UBRUNO001", { action_id: "case_claim", value: c.id }, { message: post }), send(app.accountA.id)),
      claimCase(deps(), other, c.id),
    ]);
    expect(fromSlack.status).toBe("fulfilled");
    await waitFor(async () => {
      const [row] = await app.deps.db.select().from(cases).where(eq(cases.id, c.id));
      return row?.status === "claimed" && (fromConsole.status === "rejected" ? row.claimedVia === "slack" : told().length > 0);
    });
    const [row] = await app.deps.db.select().from(cases).where(eq(cases.id, c.id));
    const consoleWon = fromConsole.status === "fulfilled";
    expect(row!.claimedByMemberId === consoleOperator.id).toBe(consoleWon);
    await slack.waitFor(() => mrkdwn(post).includes("Claimed by"));
    if (consoleWon) {
      expect(mrkdwn(post)).toContain("Cleo Console");
      expect(told()).toHaveLength(1);
      expect(told()[0]!.text).toMatch(/claimed by Cleo Console/);
    } else {
      expect(row!.claimedVia).toBe("slack");
    }
  });

  it("unsigned, wrongly signed or stale requests are refused and do nothing", async () => {
    const { case: c } = await createCase(deps(), app.agent, { question: "Do you take dogs?" }, { source: "api" });
    const claim = slack.blockAction("UOLIVE001", { action_id: "case_claim", value: c.id });
    const wrong = await slack.interact(claim, send(app.accountA.id), { secret: "0".repeat(32) });
    expect(wrong.status).toBe(401);
    const stale = await slack.interact(claim, send(app.accountA.id), { ageSeconds: 301 });
    expect(stale.status).toBe(401);
    const otherAccount = await slack.interact(claim, send(app.accountB.id));
    expect(otherAccount.status).toBe(404);
    const bare = await send(app.accountA.id)(new Request("http://127.0.0.1:3000/", { method: "POST", body: "payload=%7B%7D" }));
    expect(bare.status).toBe(401);
    const [row] = await app.deps.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row!.status).toBe("open");
    const n = await app.deps.db.execute(
      sql`select count(*)::int as n from audit_log where entity_id = ${c.id} and action = 'case.claimed'`,
    );
    expect(Number(((Array.isArray(n) ? n : (n as { rows: unknown[] }).rows)[0] as { n: number }).n)).toBe(0);
  });
});
