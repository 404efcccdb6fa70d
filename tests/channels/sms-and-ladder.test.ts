import { and, eq } from "drizzle-orm";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as smsRoute } from "@/app/api/channels/sms/[accountId]/inbound/route";
import { POST as slackRoute } from "@/app/api/channels/slack/[accountId]/interactivity/route";
import { GET as ladderRoute } from "@/app/api/cases/[id]/ladder/route";
import { caseLadderSteps, caseMessages, cases } from "@/lib/adapters/db/schema";
import { getDeps } from "@/lib/composition/deps";
import { advanceLadders, LADDER_STEP_ATTEMPTS } from "@/lib/domains/channels/ladder";
import { lookupMemberSlackUser, updateMemberChannels } from "@/lib/domains/channels/member-channels";
import { countReachable } from "@/lib/domains/channels/reachability";
import { updateChannelSettings } from "@/lib/domains/channels/settings";
import { twilioSignature, verifyTwilioSignature } from "@/lib/domains/channels/sms/signature";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { createCase } from "@/lib/domains/hitl/create-case";
import type { Deps } from "@/lib/platform/deps";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { startSlackStandin, type SlackStandin } from "@/tests/support/slack-standin";
import { startTwilioStandin, type TwilioStandin } from "@/tests/support/twilio-standin";
import { waitFor } from "@/tests/hitl/helpers";

/**
 * SMS through Twilio (against the stand-in, inbound signed by the official twilio package) and the escalation
 * ladder: on-call members are texted at the SMS step, a reply answers once and a late one is told; a claim
 * stops the ladder; claims from two channels at once resolve to one.
 */
let app: App;
let sms: TwilioStandin;
let slack: SlackStandin;
let deps: () => Deps;
const ALWAYS = { timeZone: "UTC", days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "00:00" };
const webhook = () => `${BASE}/api/channels/sms/${app.accountA.id}/inbound`;
const sendSms = (req: Request) => smsRoute(req, { params: Promise.resolve({ accountId: app.accountA.id }) });
const sendSlack = (req: Request) => slackRoute(req, { params: Promise.resolve({ accountId: app.accountA.id }) });
const LADDER = [
  { channel: "console", afterSeconds: 0 },
  { channel: "slack", afterSeconds: 0 },
  { channel: "sms", afterSeconds: 30 },
];
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
const stepsOf = (caseId: string) => app.deps.db.select().from(caseLadderSteps).where(eq(caseLadderSteps.caseId, caseId));
const humanAnswers = (caseId: string) =>
  app.deps.db
    .select()
    .from(caseMessages)
    .where(and(eq(caseMessages.caseId, caseId), eq(caseMessages.senderType, "human")));

async function onCallMember(phone: string, slackId?: string) {
  const m = await app.newMember("operator");
  if (slackId) {
    slack.users.set(m.email.toLowerCase(), slackId);
    await lookupMemberSlackUser(deps(), app.adminKey, m.id);
  }
  await updateMemberChannels(deps(), app.adminKey, m.id, { phone, onCall: ALWAYS, ...(slackId ? { slackUserId: slackId } : {}) });
  return m;
}

beforeAll(async () => {
  sms = await startTwilioStandin();
  slack = await startSlackStandin();
  process.env.TWILIO_API_URL = sms.url;
  process.env.SLACK_API_URL = slack.apiUrl;
  app = await startApp();
  const d = await getDeps();
  deps = () => d;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await sms?.close();
  await slack?.close();
  delete process.env.TWILIO_API_URL;
  delete process.env.SLACK_API_URL;
});

describe("Twilio's signature", () => {
  it("ours and the twilio package's agree both ways, and a changed parameter or token fails", () => {
    const params = { From: "+15550002000", To: "+15550001000", Body: "yes 1", MessageSid: "SM1" };
    const url = "https://switchboard.example/api/channels/sms/abc/inbound";
    const signed = twilio.getExpectedTwilioSignature("token-a", url, params);
    expect(verifyTwilioSignature("token-a", signed, url, params)).toBe(true);
    expect(twilio.validateRequest("token-a", twilioSignature("token-a", url, params), url, params)).toBe(true);
    expect(verifyTwilioSignature("token-b", signed, url, params)).toBe(false);
    expect(verifyTwilioSignature("token-a", signed, url, { ...params, Body: "no" })).toBe(false);
    expect(verifyTwilioSignature("token-a", null, url, params)).toBe(false);
  });
});

describe("SMS channel and the ladder", () => {
  it("an on-call phone makes a console-less account reachable; the SMS step texts it; the first reply answers, a late one is told", async () => {
    await updateChannelSettings(deps(), app.adminKey, {
      sms: { accountSid: sms.accountSid, authToken: sms.authToken, fromNumber: sms.fromNumber },
      ladder: LADDER,
    });
    const first = await onCallMember("+15550002001");
    await onCallMember("+15550002002");
    expect((await countReachable(app.deps, app.accountA.id)).sms).toBe(2);

    const question = "Can we bring a birthday cake?";
    const asked = askHuman(deps(), app.agent, { question, timeoutSeconds: 30 });
    const c = await waitFor(async () => (await app.deps.db.select().from(cases).where(eq(cases.question, question)))[0]);
    expect(sms.sent.filter((m) => m.body.includes(question))).toHaveLength(0); // not before 30 s
    expect(await advanceLadders(deps(), later(31))).toBeGreaterThanOrEqual(1);
    const texted = await sms.waitFor((m) => m.to === "+15550002001" && m.body.includes(question));
    await sms.waitFor((m) => m.to === "+15550002002" && m.body.includes(question));
    const code = /\[([A-Z0-9]{4})\]/.exec(texted.body)![1]!;

    const res = await sms.reply(webhook(), "+15550002001", `${code.toLowerCase()} Yes, we'll keep it in the fridge.`, sendSms);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/xml/);
    expect(await res.text()).toContain("went to the caller");
    expect(await asked).toMatchObject({ status: "answered", caseId: c.id, answer: "Yes, we'll keep it in the fridge." });
    const [row] = await app.deps.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ answeredByMemberId: first.id, answeredVia: "sms", claimedVia: "sms" });

    const late = await sms.reply(webhook(), "+15550002002", "No cakes, sorry", sendSms);
    expect(await late.text()).toContain("already answered");
    expect(await humanAnswers(c.id)).toHaveLength(1);

    // The steps taken are on the case, for the console and admin.
    const shown = await ladderRoute(
      new Request(`${BASE}/api/cases/${c.id}/ladder`, {
        headers: { host: "127.0.0.1:3000", origin: BASE, ...(await app.credential("operator")) },
      }),
      { params: Promise.resolve({ id: c.id }) },
    );
    const body = (await shown.json()) as { steps: { channel: string; outcome: string }[] };
    expect(body.steps.map((s) => [s.channel, s.outcome])).toEqual([
      ["console", "posted"],
      ["sms", "posted"],
    ]);
  });

  it("a reply signed with another token, or to another account, is refused and answers nothing", async () => {
    const { case: c } = await createCase(deps(), app.agent, { question: "Is parking free?" }, { source: "api" });
    await advanceLadders(deps(), later(31));
    await sms.waitFor((m) => m.body.includes("Is parking free?"));
    const forged = await sms.reply(webhook(), "+15550002001", "Yes", sendSms, { authToken: "f".repeat(32) });
    expect(forged.status).toBe(401);
    const [row] = await app.deps.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row!.status).toBe("open");
  });

  it("the ladder stops once the case is claimed: no SMS after a claim", async () => {
    const { case: c } = await createCase(deps(), app.agent, { question: "Do you validate parking?" }, { source: "api" });
    await waitFor(async () => (await stepsOf(c.id)).length >= 1);
    const op = app.operator;
    await claimCase(
      deps(),
      { kind: "member", accountId: app.accountA.id, memberId: op.id, role: "operator", email: op.email, name: op.name },
      c.id,
    );
    await advanceLadders(deps(), later(31));
    await advanceLadders(deps(), later(120));
    expect((await stepsOf(c.id)).map((s) => s.channel)).toEqual(["console"]);
    expect(sms.sent.filter((m) => m.body.includes("Do you validate parking?"))).toHaveLength(0);
  });

  it("Slack and SMS at once on one case: one claim wins, one answer, the other channel hears it lost", async () => {
    await updateChannelSettings(deps(), app.adminKey, {
      slack: { botToken: slack.botToken, signingSecret: slack.signingSecret, channelId: slack.channelId },
    });
    await onCallMember("+15550002003", "USLACK003");
    const question = "Can the group check in early?";
    const { case: c } = await createCase(deps(), app.agent, { question }, { source: "api" });
    const post = await waitFor(() => [...slack.messages.values()].find((m) => m.text.includes(question)));
    await advanceLadders(deps(), later(31));
    await sms.waitFor((m) => m.to === "+15550002001" && m.body.includes(question));

    const [viaSlack, viaSms] = await Promise.all([
      slack.interact(slack.blockAction("USLACK003", { action_id: "case_claim", value: c.id }, { message: post }), sendSlack),
      sms.reply(webhook(), "+15550002001", "Yes, from noon.", sendSms),
    ]);
    expect(viaSlack.status).toBe(200);
    const smsSaid = await viaSms.text();
    const [row] = await waitFor(async () => {
      const r = await app.deps.db.select().from(cases).where(eq(cases.id, c.id));
      // The channel is noted just after the claim or answer commits.
      return r[0]!.claimedVia ? r : null;
    });
    if (row!.status === "answered") {
      // SMS claimed first and answered; Slack's claim lost and was told privately.
      expect(smsSaid).toContain("went to the caller");
      expect(row!.claimedVia).toBe("sms");
      await slack.waitFor((s) => s.ephemerals.some((e) => e.user === "USLACK003" && /already answered|claimed by/.test(e.text)));
      expect(await humanAnswers(c.id)).toHaveLength(1);
    } else {
      // Slack claimed first: the SMS answer is refused, naming who holds it.
      expect(row).toMatchObject({ status: "claimed", claimedVia: "slack" });
      expect(smsSaid).toMatch(/claimed by/);
      expect(await humanAnswers(c.id)).toHaveLength(0);
    }
    await slack.waitFor(() => JSON.stringify(post.blocks).includes(row!.status === "answered" ? "Answered by" : "Claimed by"));
  });
});

describe("metrics by channel", () => {
  it("split time to claim and to answer by channel, and count what each ladder step resolved", async () => {
    const { getHitlMetrics } = await import("@/lib/domains/metrics/hitl-metrics");
    const m = await getHitlMetrics(app.deps.db, app.accountA.id, {
      from: new Date(Date.now() - 3600_000),
      to: new Date(Date.now() + 60_000),
    });
    const sms = m.byChannel.find((c) => c.channel === "sms")!;
    expect(sms.answers).toBeGreaterThanOrEqual(1);
    expect(sms.answerP50).not.toBeNull();
    expect(sms.answerP95!).toBeGreaterThanOrEqual(sms.answerP50!);
    const console = m.byChannel.find((c) => c.channel === "console")!;
    expect(console.claims).toBeGreaterThanOrEqual(1); // the claim that stopped the ladder
    const smsStep = m.ladder.find((s) => s.channel === "sms")!;
    expect(smsStep.taken).toBeGreaterThanOrEqual(2);
    expect(smsStep.resolved).toBeGreaterThanOrEqual(1);
    expect(smsStep.resolved).toBeLessThanOrEqual(smsStep.taken);
  });
});

describe("a failed ladder step", () => {
  const stepOn = async (caseId: string, channel: string) => (await stepsOf(caseId)).find((s) => s.channel === channel);
  const textedAbout = (question: string) =>
    sms.sent
      .filter((m) => m.body.includes(question))
      .map((m) => m.to)
      .sort();
  const PHONES = ["+15550002001", "+15550002002", "+15550002003"];

  it("SMS: a failure that may pass is tried again, for the members it missed only, when its retry is due", async () => {
    const question = "Is the terrace heated?";
    sms.failures.push({ to: PHONES[0]!, status: 503 });
    const { case: c } = await createCase(deps(), app.agent, { question }, { source: "api" });
    const at = later(31);
    await advanceLadders(deps(), at);
    const first = await stepOn(c.id, "sms");
    expect(first).toMatchObject({ outcome: "failed", attempts: 1, detail: { posted: 2 } });
    expect(first!.retryAt!.getTime()).toBeGreaterThan(at.getTime());
    expect(textedAbout(question)).toEqual(PHONES.slice(1));
    // Not before it is due.
    await advanceLadders(deps(), new Date(at.getTime() + 1000));
    expect((await stepOn(c.id, "sms"))!.attempts).toBe(1);
    await advanceLadders(deps(), new Date(first!.retryAt!.getTime() + 1));
    expect(await stepOn(c.id, "sms")).toMatchObject({ outcome: "posted", attempts: 2, retryAt: null, detail: { posted: 3 } });
    expect(textedAbout(question)).toEqual(PHONES);
  });

  it(`SMS: after ${LADDER_STEP_ATTEMPTS} failed tries the step is final`, async () => {
    const question = "Do you have high chairs?";
    sms.failures.push(...([429, 503, 503] as const).map((status) => ({ to: PHONES[0]!, status })));
    const { case: c } = await createCase(deps(), app.agent, { question }, { source: "api" });
    let at = later(31);
    for (let attempt = 1; attempt <= LADDER_STEP_ATTEMPTS; attempt++) {
      await advanceLadders(deps(), at);
      const step = await stepOn(c.id, "sms");
      expect(step).toMatchObject({ outcome: "failed", attempts: attempt });
      if (attempt === LADDER_STEP_ATTEMPTS) expect(step!.retryAt).toBeNull();
      else at = new Date(step!.retryAt!.getTime() + 1);
    }
    await advanceLadders(deps(), later(600));
    expect((await stepOn(c.id, "sms"))!.attempts).toBe(LADDER_STEP_ATTEMPTS);
    expect(textedAbout(question)).toEqual(PHONES.slice(1));
  });

  it("SMS: a refusal that will not pass (the number unsubscribed) is final at once", async () => {
    const question = "Can I bring my dog?";
    sms.failures.push({ to: PHONES[0]!, status: 400 });
    const { case: c } = await createCase(deps(), app.agent, { question }, { source: "api" });
    await advanceLadders(deps(), later(31));
    expect(await stepOn(c.id, "sms")).toMatchObject({ outcome: "failed", attempts: 1, retryAt: null });
    await advanceLadders(deps(), later(600));
    expect((await stepOn(c.id, "sms"))!.attempts).toBe(1);
    expect(textedAbout(question)).toEqual(PHONES.slice(1));
  });

  it("Slack: rate limited at first, posted once by the retry; a deleted channel is final at once", async () => {
    const question = "Is there a kids' menu?";
    slack.failures.push({ method: "chat.postMessage", error: "ratelimited" });
    const { case: c } = await createCase(deps(), app.agent, { question }, { source: "api" });
    const failed = await waitFor(async () => {
      const step = await stepOn(c.id, "slack");
      return step?.outcome === "failed" ? step : null;
    });
    expect(failed).toMatchObject({ attempts: 1 });
    expect(failed.retryAt).not.toBeNull();
    await advanceLadders(deps(), new Date(failed.retryAt!.getTime() + 1));
    expect(await stepOn(c.id, "slack")).toMatchObject({ outcome: "posted", attempts: 2, retryAt: null });
    expect([...slack.messages.values()].filter((m) => m.text.includes(question))).toHaveLength(1);

    const gone = "Is the patio open?";
    slack.failures.push({ method: "chat.postMessage", error: "channel_not_found" });
    const { case: c2 } = await createCase(deps(), app.agent, { question: gone }, { source: "api" });
    const final = await waitFor(async () => {
      const step = await stepOn(c2.id, "slack");
      return step?.outcome === "failed" ? step : null;
    });
    expect(final).toMatchObject({ attempts: 1, retryAt: null, detail: { error: "Slack refused the message: channel_not_found." } });
  });
});
