-- Platform: the application role, the tenant helper, municipalities, departments, users, sessions, audit log.
-- Every table holding municipality data carries municipality_id, has row-level security enabled AND forced,
-- and one policy that compares municipality_id with the transaction's tenant (set by the app with set_config).

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'tovholder_app') then
    create role tovholder_app nologin;
  end if;
exception when duplicate_object or unique_violation then
  null; -- another database on the same cluster created it at the same moment
end $$;

grant usage on schema public to tovholder_app;

-- The tenant of the current transaction, or null when none is set (a connection without a tenant sees no rows).
create or replace function app_tenant() returns uuid
  language sql stable
  as $$ select nullif(current_setting('app.municipality_id', true), '')::uuid $$;

create table municipalities (
  id uuid primary key default gen_random_uuid(),
  code text not null,
  name text not null,
  settings jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint municipalities_code_format check (code ~ '^[0-9]{3}$'),
  constraint municipalities_code_unique unique (code)
);
comment on table municipalities is 'The tenants. Each Danish municipality is one tenant; all case data belongs to exactly one.';
alter table municipalities enable row level security;
alter table municipalities force row level security;
create policy tenant_isolation on municipalities to tovholder_app
  using (id = app_tenant()) with check (id = app_tenant());
grant select, update on municipalities to tovholder_app;

create table departments (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  kind text not null,
  name text not null,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint departments_kind_known check (kind in (
    'child_disability', 'child_youth', 'adult_services', 'employment', 'school', 'daycare', 'ppr',
    'health_visitor', 'family_therapy', 'physiotherapy', 'psychiatry', 'health', 'visitation', 'other')),
  constraint departments_tenant_key unique (municipality_id, id),
  constraint departments_name_unique unique (municipality_id, name)
);
comment on table departments is 'Municipal departments and external partner organisations a family meets (000:563-603).';

create table users (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  email text not null,
  name text not null,
  phone text,
  department_id uuid,
  roles text[] not null,
  has_authority boolean not null default false,
  person_id uuid,
  password_hash text,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint users_email_lowercase check (email = lower(email)),
  constraint users_email_unique unique (email),
  constraint users_roles_known check (roles <@ array['coordinator', 'core_team_member', 'external_partner',
    'team_leader', 'department_head', 'controller', 'administrator', 'parent']::text[] and cardinality(roles) > 0),
  constraint users_tenant_key unique (municipality_id, id),
  constraint users_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id)
);
comment on table users is 'Staff, partners and parents who log in. has_authority = myndighedsrådgiver (000:556-561).';
comment on column users.email is 'Personal data: work or private e-mail address, the login name.';
comment on column users.name is 'Personal data.';
comment on column users.phone is 'Personal data.';
comment on column users.password_hash is 'argon2id hash; null for accounts that log in through single sign-on only.';

create table sessions (
  id text primary key,
  municipality_id uuid not null references municipalities (id),
  user_id uuid not null,
  csrf_token text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  constraint sessions_user_fk foreign key (municipality_id, user_id) references users (municipality_id, id)
);
comment on table sessions is 'Server-side staff sessions; id is the SHA-256 of the cookie secret, never the secret itself.';

create table audit_chain_heads (
  municipality_id uuid primary key references municipalities (id),
  seq bigint not null default 0,
  last_hash bytea not null default '\x00'::bytea
);
comment on table audit_chain_heads is 'Head of each municipality''s audit hash chain; locked by every append so the chain is serial per tenant.';

create table audit_log (
  municipality_id uuid not null references municipalities (id),
  seq bigint not null,
  at timestamptz not null,
  actor_user_id uuid,
  actor_role text,
  action text not null,
  entity_type text,
  entity_id uuid,
  family_ids uuid[] not null default '{}',
  case_ids uuid[] not null default '{}',
  entry jsonb not null,
  hash bytea not null,
  constraint audit_log_pk primary key (municipality_id, seq),
  constraint audit_log_action_known check (action in ('read', 'create', 'update', 'delete', 'export', 'login', 'logout', 'login_failed'))
);
comment on table audit_log is 'Append-only audit trail of every read and write of case data; hash(n) = sha256(hash(n-1) || entry::text).';
comment on column audit_log.entry is 'The canonical record that is hashed: who, role, when, action, records, origin. No names or CPR numbers.';
create index audit_log_case_ids on audit_log using gin (case_ids);
create index audit_log_family_ids on audit_log using gin (family_ids);

create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_refuse_change();

do $$
declare t text;
begin
  foreach t in array array['departments', 'users', 'sessions', 'audit_chain_heads', 'audit_log'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;

-- A login transaction knows no tenant yet: it may see exactly the one user whose e-mail it names.
create policy login_lookup on users for select to tovholder_app
  using (email = nullif(current_setting('app.login_email', true), ''));

grant select, insert, update on departments, users, sessions to tovholder_app;
grant select, update on audit_chain_heads to tovholder_app;
grant select, insert on audit_log to tovholder_app;
