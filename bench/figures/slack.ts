/**
 * Figure 12 — an answer from Slack: the Answer modal's view_submission, signed as Slack signs it, sent to the
 * interactivity route → the waiting ask_human call returns that answer. In-process (the route handler called
 * as Next.js calls it) on a fresh database — PGlite, and PostgreSQL when DATABASE_URL is set — with the Slack
 * stand-in (tests/support/slack-standin.ts) as Slack. Each round: ask_human with nobody at a console and one
 * Slack member on call, the ladder posts the case, the member clicks Answer (the modal opens and the case is
 * claimed, shown in the message), then the timed part: submit the modal → ask_human's result. Goal: p95 ≤ 100 ms. Rounds: BENCH_SLACK_ROUNDS (200; quick 20).
 */
import { performance } from "node:perf_hooks";
import { POST as slackRoute } from "@/app/api/channels/slack/[accountId]/interactivity/route";
import { openDatabase, type Database } from "@/lib/adapters/db/client";
import { migrate } from "@/lib/adapters/db/migrate";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import { getDeps, provideProcessDeps, resetProcessDeps } from "@/lib/composition/deps";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { updateMemberChannels } from "@/lib/domains/channels/member-channels";
import { updateChannelSettings } from "@/lib/domains/channels/settings";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { createCase } from "@/lib/domains/hitl/create-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { waitForCase } from "@/lib/domains/hitl/wait-for-case";
import { createMember } from "@/lib/domains/members/members";
import { resetConfig } from "@/lib/platform/config/env";
import { createTestDatabase } from "../../tests/support/test-deps";
import { startSlackStandin } from "../../tests/support/slack-standin";
import type { Row } from "../support/report";
import { percentiles, type Percentiles } from "../support/stats";

export const SLACK_GOAL_P95_MS = 100;

/** Slack rounds, and as the baseline in the same run the console's own call (postMessage) answering the same way. */
async function measure(database: Database, rounds: number): Promise<{ slack: Percentiles; console: Percentiles }> {
  const slack = await startSlackStandin();
  const saved = { ...process.env };
  Object.assign(process.env, { SLACK_API_URL: slack.apiUrl, LOG_LEVEL: "silent", API_RATE_LIMIT_PER_MINUTE: "1000000" });
  resetConfig();
  const kv = createMemoryKv();
  const bus = createMemoryBus();
  provideProcessDeps({ database, kv, bus });
  try {
    const deps = await getDeps();
    const { account } = await createAccount(deps.db, { name: "Bench Slack" });
    const admin = { kind: "api_key" as const, accountId: account.id, keyId: "bench", keyPrefix: "bench", scopes: ["admin" as const] };
    await updateChannelSettings(deps, admin, {
      slack: { botToken: slack.botToken, signingSecret: slack.signingSecret, channelId: slack.channelId },
    });
    const m = await createMember(deps.db, account.id, {
      email: "oncall@bench.test",
      password: "correct horse battery",
      role: "operator",
      name: "On call",
    });
    slack.users.set("oncall@bench.test", "UBENCH001");
    await updateMemberChannels(deps, admin, m.id, {
      slackUserId: "UBENCH001",
      onCall: { timeZone: "UTC", days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "00:00" },
    });
    const agent = (await verifyApiKey(
      deps,
      (
        await createApiKey(deps.db, { accountId: account.id, name: "agent", scopes: ["hitl:ask"] })
      ).key,
    ))!;
    const send = (req: Request) => slackRoute(req, { params: Promise.resolve({ accountId: account.id }) });
    const times: number[] = [];
    const baseline: number[] = [];
    const operator = {
      kind: "member" as const,
      accountId: account.id,
      memberId: m.id,
      role: "operator" as const,
      email: m.email,
      name: m.name,
    };
    for (let i = 0; i < rounds; i++) {
      // Baseline: the console's claim and answer calls, no HTTP, no signature.
      const b = await createCase(deps, agent, { question: `Baseline ${i}?` }, { source: "api" });
      const waiting = waitForCase(deps, { accountId: account.id, caseId: b.case.id, timeoutMs: 30_000 });
      await claimCase(deps, operator, b.case.id);
      const b0 = performance.now();
      await Promise.all([postMessage(deps, operator, b.case.id, { content: `Yes (${i}).` }), waiting]);
      baseline.push(performance.now() - b0);

      const question = `Bench question ${i}: is the terrace open?`;
      const asked = askHuman(deps, agent, { question, timeoutSeconds: 30 });
      await slack.waitFor((s) => [...s.messages.values()].some((x) => x.text.includes(question)));
      const post = [...slack.messages.values()].find((x) => x.text.includes(question))!;
      const caseId = /"value":"([0-9a-f-]{36})"/.exec(JSON.stringify(post.blocks))![1]!;
      await slack.interact(slack.blockAction("UBENCH001", { action_id: "case_answer", value: caseId }, { message: post }), send);
      await slack.waitFor((s) => s.views.some((v) => v.view.private_metadata === caseId));
      const view = slack.views.find((v) => v.view.private_metadata === caseId)!;
      // A person takes seconds to type: the claim that opening the modal makes has shown in the channel by then.
      await slack.waitFor(() => JSON.stringify(post.blocks).includes("Claimed by"));
      const t0 = performance.now();
      const submitted = slack.interact(slack.viewSubmission("UBENCH001", view.viewId, `Yes (${i}).`), send);
      const result = await asked;
      times.push(performance.now() - t0);
      await submitted;
      if (result.status !== "answered") throw new Error(`round ${i}: ask_human said ${result.status}`);
    }
    return { slack: percentiles(times), console: percentiles(baseline) };
  } finally {
    resetProcessDeps();
    await bus.close();
    await kv.close();
    await slack.close();
    process.env = saved;
    resetConfig();
  }
}

export async function benchSlack(opts: {
  quick: boolean;
  log: (msg: string) => void;
}): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const rounds = Math.floor(Number(process.env.BENCH_SLACK_ROUNDS ?? (opts.quick ? 20 : 200)));
  const targets: Array<() => Promise<{ database: Database; drop: () => Promise<void> }>> = [
    async () => {
      const database = await openDatabase({});
      await migrate(database);
      return { database, drop: () => database.close() };
    },
  ];
  if (process.env.DATABASE_URL) targets.push(() => createTestDatabase());
  const rows: Row[] = [];
  const figures: Record<string, unknown> = {};
  for (const open of targets) {
    const { database, drop } = await open();
    try {
      opts.log(`figure 12: ${rounds} Slack modal answers → ask_human on ${database.driver}…`);
      const { slack: p, console: base } = await measure(database, rounds);
      figures[database.driver] = { slack: p, console: base };
      rows.push([
        `baseline: console answer (postMessage) → ask_human p95 (${database.driver}, n=${base.n})`,
        `${base.p95} ms (p50 ${base.p50})`,
        "—",
        "info",
      ]);
      rows.push([
        `Slack view_submission → ask_human result p95 (${database.driver}, n=${p.n})`,
        `${p.p95} ms (p50 ${p.p50})`,
        `≤ ${SLACK_GOAL_P95_MS} ms`,
        p.p95 <= SLACK_GOAL_P95_MS ? "PASS" : "FAIL",
      ]);
    } finally {
      await drop();
    }
  }
  return { rows, figures };
}
