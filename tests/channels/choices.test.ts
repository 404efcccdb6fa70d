import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as slackRoute } from "@/app/api/channels/slack/[accountId]/interactivity/route";
import { POST as smsRoute } from "@/app/api/channels/sms/[accountId]/inbound/route";
import { cases } from "@/lib/adapters/db/schema";
import { getDeps } from "@/lib/composition/deps";
import { advanceLadders } from "@/lib/domains/channels/ladder";
import { lookupMemberSlackUser, updateMemberChannels } from "@/lib/domains/channels/member-channels";
import { updateChannelSettings } from "@/lib/domains/channels/settings";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import type { Deps } from "@/lib/platform/deps";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { startSlackStandin, type SlackStandin } from "@/tests/support/slack-standin";
import { startTwilioStandin, type TwilioStandin } from "@/tests/support/twilio-standin";
import { waitFor } from "@/tests/hitl/helpers";

/**
 * Answers with choices from Slack (a button per choice) and SMS (a numbered reply). The choices themselves
 * (cases.choices, choicesOnly, the answer's `choice`) belong to the hitl domain; the channels only show them.
 */
const CHOICES = ["Approve 10% discount", "Decline"];
const ALWAYS = { timeZone: "UTC", days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "00:00" };

let app: App;
let slack: SlackStandin;
let sms: TwilioStandin;
let deps: () => Deps;
const sendSlack = (req: Request) => slackRoute(req, { params: Promise.resolve({ accountId: app.accountA.id }) });
const sendSms = (req: Request) => smsRoute(req, { params: Promise.resolve({ accountId: app.accountA.id }) });
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe("answers with choices", () => {
  beforeAll(async () => {
    slack = await startSlackStandin();
    sms = await startTwilioStandin();
    process.env.SLACK_API_URL = slack.apiUrl;
    process.env.TWILIO_API_URL = sms.url;
    app = await startApp();
    const d = await getDeps();
    deps = () => d;
    await updateChannelSettings(deps(), app.adminKey, {
      slack: { botToken: slack.botToken, signingSecret: slack.signingSecret, channelId: slack.channelId },
      sms: { accountSid: sms.accountSid, authToken: sms.authToken, fromNumber: sms.fromNumber },
    });
    const m = await app.newMember("operator");
    slack.users.set(m.email.toLowerCase(), "UCHOICE01");
    await lookupMemberSlackUser(deps(), app.adminKey, m.id);
    await updateMemberChannels(deps(), app.adminKey, m.id, { slackUserId: "UCHOICE01", phone: "+15550003001", onCall: ALWAYS });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await slack?.close();
    await sms?.close();
    delete process.env.SLACK_API_URL;
    delete process.env.TWILIO_API_URL;
  });

  it("a choice button on the Slack message answers with that choice, exactly as written", async () => {
    const question = "Can we give the caller a 10% discount?";
    const asked = askHuman(deps(), app.agent, { question, choices: CHOICES, timeoutSeconds: 30 });
    const post = await waitFor(() => [...slack.messages.values()].find((m) => m.text.includes(question)));
    const blocks = JSON.stringify(post.blocks);
    expect(blocks).toContain("1. Approve 10% discount");
    expect(blocks).toContain("2. Decline");
    const caseId = /"value":"([0-9a-f-]{36})"/.exec(blocks)![1]!;
    const value = JSON.stringify({ caseId, choice: 1 });
    const res = await slack.interact(slack.blockAction("UCHOICE01", { action_id: "case_choice:1", value }, { message: post }), sendSlack);
    expect(res.status).toBe(200);
    expect(await asked).toMatchObject({ status: "answered", caseId, answer: "Decline", choice: "Decline" });
  });

  it("an SMS reply `1` picks the first choice; with choicesOnly free text is refused and the case stays open", async () => {
    const question = "Refund the deposit?";
    const asked = askHuman(deps(), app.agent, { question, choices: CHOICES, timeoutSeconds: 30 });
    const c = await waitFor(async () => (await app.deps.db.select().from(cases).where(eq(cases.question, question)))[0]);
    await advanceLadders(deps(), later(31));
    const texted = await sms.waitFor((m) => m.body.includes(question));
    expect(texted.body).toContain("1. Approve 10% discount");
    const res = await sms.reply(`${BASE}/api/channels/sms/${app.accountA.id}/inbound`, "+15550003001", "1", sendSms);
    expect(await res.text()).toContain("went to the caller");
    expect(await asked).toMatchObject({ status: "answered", caseId: c.id, choice: "Approve 10% discount" });

    const strict = "Upgrade the room for free?";
    void askHuman(deps(), app.agent, { question: strict, choices: CHOICES, choicesOnly: true, timeoutSeconds: 10 });
    const s = await waitFor(async () => (await app.deps.db.select().from(cases).where(eq(cases.question, strict)))[0]);
    await advanceLadders(deps(), later(31));
    await sms.waitFor((m) => m.body.includes(strict));
    const refused = await sms.reply(`${BASE}/api/channels/sms/${app.accountA.id}/inbound`, "+15550003001", "Sure, why not", sendSms);
    expect(await refused.text()).toContain("Pick one of the choices");
    expect((await app.deps.db.select().from(cases).where(eq(cases.id, s.id)))[0]!.status).not.toBe("answered");
  });
});
