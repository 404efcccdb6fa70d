import { boolean, date, integer, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Typed mirror of supabase/migrations/20261206000000_golf.sql (the SQL is the source of truth).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export type GolfProviderName = "embedded" | "chronogolf";

export const golfCourses = pgTable("golf_courses", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  name: text("name").notNull(),
  timezone: text("timezone").notNull(),
  firstTeeMinute: smallint("first_tee_minute").notNull(),
  lastTeeMinute: smallint("last_tee_minute").notNull(),
  intervalMinutes: smallint("interval_minutes").notNull(),
  capacity: smallint("capacity").notNull(),
  holes: smallint("holes").notNull(),
  priceCents: integer("price_cents").notNull(),
  currency: text("currency").notNull().default("USD"),
  active: boolean("active").notNull().default(true),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
export type GolfCourseRow = typeof golfCourses.$inferSelect;

export const golfTeeTimes = pgTable("golf_tee_times", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  courseId: uuid("course_id").notNull(),
  startsAt: ts("starts_at").notNull(),
  localDate: date("local_date", { mode: "string" }).notNull(),
  capacity: smallint("capacity").notNull(),
  booked: smallint("booked").notNull().default(0),
  priceCents: integer("price_cents").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});
export type GolfTeeTimeRow = typeof golfTeeTimes.$inferSelect;

export const golfReservations = pgTable("golf_reservations", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  provider: text("provider").$type<GolfProviderName>().notNull(),
  courseId: uuid("course_id"),
  teeTimeId: uuid("tee_time_id"),
  externalCourseId: text("external_course_id"),
  externalId: text("external_id"),
  courseName: text("course_name").notNull(),
  timezone: text("timezone").notNull(),
  startsAt: ts("starts_at").notNull(),
  holes: smallint("holes").notNull(),
  players: smallint("players").notNull(),
  name: text("name").notNull(),
  phone: text("phone"),
  email: text("email"),
  confirmationCode: text("confirmation_code").notNull(),
  idempotencyKey: text("idempotency_key"),
  status: text("status").$type<"booked" | "cancelled">().notNull().default("booked"),
  priceCents: integer("price_cents").notNull().default(0),
  currency: text("currency").notNull().default("USD"),
  createdByKeyId: uuid("created_by_key_id"),
  createdAt: ts("created_at").notNull().defaultNow(),
  cancelledAt: ts("cancelled_at"),
});
export type GolfReservationRow = typeof golfReservations.$inferSelect;

export const golfSettings = pgTable("golf_settings", {
  accountId: uuid("account_id").primaryKey(),
  provider: text("provider").$type<GolfProviderName>().notNull().default("embedded"),
  chronogolfBaseUrl: text("chronogolf_base_url"),
  chronogolfOrganizationId: text("chronogolf_organization_id"),
  chronogolfClientId: text("chronogolf_client_id"),
  chronogolfClientSecret: text("chronogolf_client_secret"),
  chronogolfRefreshToken: text("chronogolf_refresh_token"),
  // The keys the two secrets above were sealed with (lib/platform/secrets).
  chronogolfClientSecretKeyId: text("chronogolf_client_secret_key_id"),
  chronogolfRefreshTokenKeyId: text("chronogolf_refresh_token_key_id"),
  chronogolfTimezone: text("chronogolf_timezone"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
export type GolfSettingsRow = typeof golfSettings.$inferSelect;

// supabase/migrations/20261227000000_chronogolf_tokens.sql: the access token every instance shares per credential.
export const chronogolfTokens = pgTable("chronogolf_tokens", {
  scope: text("scope").primaryKey(),
  accessToken: text("access_token").notNull(),
  accessTokenKeyId: text("access_token_key_id"),
  expiresAt: ts("expires_at").notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
