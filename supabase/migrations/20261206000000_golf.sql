-- Golf tee times: courses an account runs on Switchboard's own tee sheet (the embedded provider), the tee
-- times of those courses (rows appear when a day is first searched or booked; each keeps its own seat
-- count), reservations made through any provider, and which provider an account books through.

create table if not exists golf_courses (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  timezone text not null,
  -- Minutes after local midnight: the first and the last tee time of a day.
  first_tee_minute smallint not null check (first_tee_minute between 0 and 1439),
  last_tee_minute smallint not null check (last_tee_minute between 0 and 1439),
  interval_minutes smallint not null check (interval_minutes between 5 and 120),
  -- Players per tee time.
  capacity smallint not null check (capacity between 1 and 8),
  holes smallint not null check (holes in (9, 18)),
  price_cents integer not null check (price_cents between 0 and 10000000),
  currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (last_tee_minute >= first_tee_minute)
);
create index if not exists golf_courses_account_idx on golf_courses (account_id, name);

-- One row per tee time that has been looked at; `booked` can never pass `capacity` (the booking
-- statement adds seats only where they fit, and this CHECK backs it up).
create table if not exists golf_tee_times (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  course_id uuid not null references golf_courses(id) on delete cascade,
  starts_at timestamptz not null,
  local_date date not null,
  capacity smallint not null check (capacity between 1 and 8),
  booked smallint not null default 0,
  price_cents integer not null,
  created_at timestamptz not null default now(),
  check (booked >= 0 and booked <= capacity),
  unique (course_id, starts_at)
);
create index if not exists golf_tee_times_day_idx on golf_tee_times (course_id, local_date);

create table if not exists golf_reservations (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  provider text not null check (provider in ('embedded', 'chronogolf')),
  course_id uuid references golf_courses(id) on delete set null,
  tee_time_id uuid references golf_tee_times(id) on delete set null,
  -- The provider's ids (Chronogolf course and reservation), null for the embedded provider.
  external_course_id text,
  external_id text,
  course_name text not null,
  timezone text not null,
  starts_at timestamptz not null,
  holes smallint not null,
  players smallint not null check (players between 1 and 8),
  name text not null,
  phone text,
  email text,
  confirmation_code text not null unique,
  idempotency_key text,
  status text not null default 'booked' check (status in ('booked', 'cancelled')),
  price_cents integer not null default 0,
  currency text not null default 'USD',
  created_by_key_id uuid,
  created_at timestamptz not null default now(),
  cancelled_at timestamptz,
  unique (account_id, idempotency_key)
);
create index if not exists golf_reservations_account_idx on golf_reservations (account_id, starts_at desc);
create index if not exists golf_reservations_tee_time_idx on golf_reservations (tee_time_id);

-- Which provider an account books through, and its Chronogolf (Lightspeed Golf) partner credentials.
-- The secrets are write-only through the API (only whether they are set is ever returned).
create table if not exists golf_settings (
  account_id uuid primary key references accounts(id) on delete cascade,
  provider text not null default 'embedded' check (provider in ('embedded', 'chronogolf')),
  chronogolf_base_url text,
  chronogolf_organization_id text,
  chronogolf_client_id text,
  chronogolf_client_secret text,
  chronogolf_refresh_token text,
  chronogolf_timezone text,
  updated_at timestamptz not null default now()
);
alter table golf_settings enable row level security;
