import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "@/lib/adapters/db/schema";

/** One typed query layer over both drivers (a transaction is a Db too). What Deps carries; lib/adapters/db/client.ts opens one. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
