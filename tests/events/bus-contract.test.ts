/**
 * One contract for the EventBus port, run against every adapter: memory (one instance), and — when
 * REDIS_URL / DATABASE_URL are set — Redis pub/sub and Postgres LISTEN/NOTIFY with two instances
 * (publish on one, receive on the other), as two app servers would.
 */
import { randomBytes, randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import { createPostgresBus } from "@/lib/adapters/events/postgres";
import { createRedisBus } from "@/lib/adapters/events/redis";
import type { BusEvent, EventBus, Topic } from "@/lib/adapters/events/port";
import { createTestDatabase } from "@/tests/support/test-deps";
import { sleep, waitFor } from "@/tests/hitl/helpers";

type Pair = {
  pub: EventBus;
  sub: EventBus;
  driver: EventBus["driver"] /** a bus on the same wire with another prefix */;
  stranger?: EventBus;
  close: () => Promise<void>;
};

const prefix = () => `sbtest_bus_${randomBytes(4).toString("hex")}_`;

const adapters: Array<{ name: string; enabled: boolean; make: () => Promise<Pair> }> = [
  {
    name: "memory",
    enabled: true,
    make: async () => {
      const bus = createMemoryBus();
      return { pub: bus, sub: bus, driver: "memory", close: () => bus.close() };
    },
  },
  {
    name: "redis (two instances)",
    enabled: !!process.env.REDIS_URL,
    make: async () => {
      const url = process.env.REDIS_URL!;
      const p = prefix();
      const [pub, sub, stranger] = [
        createRedisBus(url, { prefix: p }),
        createRedisBus(url, { prefix: p }),
        createRedisBus(url, { prefix: `${p}x_` }),
      ];
      return {
        pub,
        sub,
        stranger,
        driver: "redis",
        close: async () => void (await Promise.all([pub.close(), sub.close(), stranger.close()])),
      };
    },
  },
  {
    name: "postgres (two instances)",
    enabled: !!process.env.DATABASE_URL,
    make: async () => {
      const { url, drop, database } = await createTestDatabase();
      const clients = [postgres(url!, { max: 2, onnotice: () => {} }), postgres(url!, { max: 2, onnotice: () => {} })] as const;
      const p = prefix();
      const [pub, sub, stranger] = [
        createPostgresBus(clients[0], { prefix: p }),
        createPostgresBus(clients[1], { prefix: p }),
        createPostgresBus(database.pg!, { prefix: `${p}x_` }),
      ];
      return {
        pub,
        sub,
        stranger,
        driver: "postgres",
        close: async () => {
          await Promise.all([pub.close(), sub.close(), stranger.close()]);
          await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
          await drop();
        },
      };
    },
  },
];

const ev = (accountId: string, caseId: string, type: BusEvent["type"] = "case.answered", extra: Partial<BusEvent> = {}): BusEvent => ({
  type,
  accountId,
  caseId,
  status: "answered",
  at: new Date().toISOString(),
  ...extra,
});

function collector() {
  const got: BusEvent[] = [];
  return { got, handler: (e: BusEvent) => void got.push(e) };
}

for (const adapter of adapters) {
  // Redis / Postgres runs need REDIS_URL / DATABASE_URL (CI sets both); without them only memory runs.
  describe.skipIf(!adapter.enabled)(`event bus contract: ${adapter.name}`, () => {
    let bus: Pair;
    beforeAll(async () => {
      bus = await adapter.make();
    });
    afterAll(async () => {
      await bus?.close();
    });

    /** Publishes a marker on `topic`'s case and waits until a subscriber of that topic saw it: everything published before has arrived. */
    async function fence(accountId: string, caseId: string) {
      const c = collector();
      const off = await bus.sub.subscribe(`case:${caseId}`, c.handler);
      const marker = ev(accountId, caseId, "case.message", { messageId: Math.floor(Math.random() * 1e9) });
      await bus.pub.publish(marker);
      await waitFor(() => c.got.some((e) => e.messageId === marker.messageId), 5_000, 5);
      off();
    }

    it("reports its driver and answers ping", async () => {
      expect(bus.pub.driver).toBe(bus.driver);
      await expect(bus.pub.ping()).resolves.toBeUndefined();
      await expect(bus.sub.ping()).resolves.toBeUndefined();
    });

    it("a subscriber of case:<id> receives the event published for that case, intact", async () => {
      const [accountId, caseId] = [randomUUID(), randomUUID()];
      const c = collector();
      const off = await bus.sub.subscribe(`case:${caseId}`, c.handler);
      const sent = ev(accountId, caseId, "case.message", { messageId: 42, status: undefined });
      await bus.pub.publish(sent);
      await waitFor(() => c.got.length === 1);
      expect(c.got[0]).toEqual(JSON.parse(JSON.stringify(sent)));
      off();
    });

    it("account:<id> receives every case of the account, and nothing of other accounts or cases", async () => {
      const [accountId, otherAccount] = [randomUUID(), randomUUID()];
      const [c1, c2, c3] = [randomUUID(), randomUUID(), randomUUID()];
      const acct = collector();
      const one = collector();
      const offs = [await bus.sub.subscribe(`account:${accountId}`, acct.handler), await bus.sub.subscribe(`case:${c1}`, one.handler)];
      await bus.pub.publish(ev(accountId, c1, "case.created"));
      await bus.pub.publish(ev(accountId, c2, "case.claimed"));
      await bus.pub.publish(ev(otherAccount, c3, "case.created"));
      await fence(otherAccount, c3);
      expect(acct.got.map((e) => [e.caseId, e.type])).toEqual([
        [c1, "case.created"],
        [c2, "case.claimed"],
      ]);
      expect(one.got.map((e) => e.caseId)).toEqual([c1]);
      for (const off of offs) off();
    });

    it("keeps the publishing order and delivers to every subscriber of a topic", async () => {
      const [accountId, caseId] = [randomUUID(), randomUUID()];
      const a = collector();
      const b = collector();
      const offs = [await bus.sub.subscribe(`case:${caseId}`, a.handler), await bus.sub.subscribe(`case:${caseId}`, b.handler)];
      for (let i = 1; i <= 20; i++) await bus.pub.publish(ev(accountId, caseId, "case.message", { messageId: i }));
      await waitFor(() => a.got.length === 20 && b.got.length === 20);
      const ids = Array.from({ length: 20 }, (_, i) => i + 1);
      expect(a.got.map((e) => e.messageId)).toEqual(ids);
      expect(b.got.map((e) => e.messageId)).toEqual(ids);
      for (const off of offs) off();
    });

    it("unsubscribe stops delivery to that handler only", async () => {
      const [accountId, caseId] = [randomUUID(), randomUUID()];
      const gone = collector();
      const stays = collector();
      const off = await bus.sub.subscribe(`case:${caseId}`, gone.handler);
      const offStays = await bus.sub.subscribe(`case:${caseId}`, stays.handler);
      await bus.pub.publish(ev(accountId, caseId, "case.claimed"));
      await waitFor(() => gone.got.length === 1 && stays.got.length === 1);
      off();
      off(); // idempotent
      await bus.pub.publish(ev(accountId, caseId, "case.answered"));
      await waitFor(() => stays.got.length === 2);
      await fence(accountId, caseId);
      expect(gone.got.map((e) => e.type)).toEqual(["case.claimed"]);
      offStays();
    });

    it("a throwing handler does not keep the event from the other handlers", async () => {
      const [accountId, caseId] = [randomUUID(), randomUUID()];
      const ok = collector();
      const offs = [
        await bus.sub.subscribe(`case:${caseId}`, () => {
          throw new Error("subscriber bug");
        }),
        await bus.sub.subscribe(`case:${caseId}`, ok.handler),
        await bus.sub.subscribe(`account:${accountId}`, ok.handler),
      ];
      await bus.pub.publish(ev(accountId, caseId));
      await waitFor(() => ok.got.length === 2);
      for (const off of offs) off();
    });

    // The memory bus is one instance with no wire and no prefix, so there is nothing to separate.
    it.skipIf(adapter.name === "memory")("instances with another prefix do not hear each other", async () => {
      const [accountId, caseId] = [randomUUID(), randomUUID()];
      const heard = collector();
      const off = await bus.stranger!.subscribe(`account:${accountId}`, heard.handler);
      await bus.pub.publish(ev(accountId, caseId));
      await fence(accountId, caseId);
      await sleep(100);
      expect(heard.got).toEqual([]);
      off();
    });
  });
}

describe("memory bus", () => {
  it("does not share events between two instances (one process each)", async () => {
    const [a, b] = [createMemoryBus(), createMemoryBus()];
    const heard = collector();
    await b.subscribe("account:acc" as Topic, heard.handler);
    await a.publish(ev("acc", "case-1"));
    await sleep(20);
    expect(heard.got).toEqual([]);
  });
});
