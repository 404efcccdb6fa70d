import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/adapters/db/client";
import type { MemoryAnswerRow } from "@/lib/adapters/db/schema";
import { ANSWER_COLUMNS, type AnswerRaw, toAnswerRow } from "@/lib/domains/memory/answer-rows";
import type { MatchQuery } from "@/lib/domains/memory/port";

/** float32 little-endian, as the bytea column holds it (the same bytes on every machine). */
export function encodeVector(v: Float32Array): string {
  const buf = Buffer.alloc(v.length * 4);
  for (let i = 0; i < v.length; i++) buf.writeFloatLE(v[i]!, i * 4);
  return buf.toString("base64");
}

export function decodeVector(b64: string): Float32Array {
  const buf = Buffer.from(b64, "base64");
  const out = new Float32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export type Candidate = { entry: MemoryAnswerRow; vector: Float32Array | null };

/**
 * The saved answers a search compares by vector: those the lexical matcher found (`ids`) and the account's
 * `scan` most recently updated, live (and approved, when asked) ones — a bounded set, so a search reads at most
 * `scan` + ids.length vectors however big the account. Each with its stored vector when that was made by this
 * model from the question as it reads now, else null.
 */
export async function readCandidates(db: Db, q: MatchQuery, o: { ids: string[]; scan: number; modelKey: string }): Promise<Candidate[]> {
  const live = sql`(m.valid_until is null or m.valid_until > now())${q.approvedOnly ? sql` and m.approved_for_auto` : sql``}`;
  const byId = o.ids.length
    ? sql`m.id in (${sql.join(
        o.ids.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql`false`;
  const rows = await queryRows<AnswerRaw & { vec: string | null }>(
    db,
    sql`select ${ANSWER_COLUMNS},
          case when e.model = ${o.modelKey} and e.question_md5 = md5(m.question) then encode(e.vector, 'base64') end as vec
        from memory_answers m left join memory_answer_embeddings e on e.answer_id = m.id
        where m.account_id = ${q.accountId} and ${live}
          and (${byId} or m.id in (
            select m.id from memory_answers m where m.account_id = ${q.accountId} and ${live}
            order by m.updated_at desc limit ${o.scan}))`,
  );
  return rows.map((r) => ({ entry: toAnswerRow(r), vector: r.vec ? decodeVector(r.vec) : null }));
}

/**
 * Stores vectors made for these entries' questions (replacing older ones). An entry deleted meanwhile is
 * skipped (the join); one whose question changed meanwhile keeps the md5 of the question embedded, so its
 * vector reads as stale and is made again.
 */
export async function storeVectors(db: Db, modelKey: string, made: Array<{ entry: MemoryAnswerRow; vector: Float32Array }>): Promise<void> {
  if (!made.length) return;
  const values = made.map(
    ({ entry, vector }) => sql`(${entry.id}::uuid, md5(${entry.question}), ${vector.length}::int, ${encodeVector(vector)})`,
  );
  await db.execute(sql`insert into memory_answer_embeddings (answer_id, account_id, model, question_md5, dims, vector)
    select m.id, m.account_id, ${modelKey}, v.md5, v.dims, decode(v.b64, 'base64')
    from (values ${sql.join(values, sql`, `)}) as v(id, md5, dims, b64) join memory_answers m on m.id = v.id
    on conflict (answer_id) do update set model = excluded.model, question_md5 = excluded.question_md5, dims = excluded.dims,
      vector = excluded.vector, created_at = now()`);
}
