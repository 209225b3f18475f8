-- Issue 5 item 1: parents log in to the family portal. A portal identity is a family member (persons) who is a
-- parent or carer with custody (family_members); there is no user account. Two ways in: a one-time code sent to
-- the person's own e-mail address or mobile number through the outbox (the embedded default), or OpenID Connect
-- (a MitID broker) matching the CPR claim to the person. Portal sessions are kept apart from staff sessions.

-- The mobile number as the portal compares it: digits with a country code ("20 30 40 50" → "+4520304050"), or null
-- when the text is no phone number. src/modules/portal/rules.ts normalisePhone() is the same rule in TypeScript.
create or replace function portal_phone(phone text) returns text
  language sql immutable parallel safe
  as $$
    select case
      when d ~ '^[0-9]{8}$' then '+45' || d
      when d ~ '^45[0-9]{8}$' then '+' || d
      when d ~ '^00[1-9][0-9]{6,14}$' then '+' || substr(d, 3)
      when d ~ '^\+[1-9][0-9]{6,14}$' then d
      else null end
      from (select regexp_replace(coalesce(phone, ''), '[^0-9+]', '', 'g') as d) digits
  $$;

create index persons_portal_email on persons (lower(btrim(email))) where email is not null;
create index persons_portal_phone on persons (portal_phone(phone)) where phone is not null;
create index persons_portal_cpr on persons (cpr) where cpr is not null;

-- The portal login knows no tenant yet. A policy on persons like users' login_lookup would be OR-ed into every
-- tenant query on this large table (and stop `municipality_id = app_tenant()` from serving as an index condition),
-- so the lookup is this one function instead: for an exact e-mail address, mobile number or CPR number it returns
-- only the ids (municipality, person) of parents and carers with custody — no name, no CPR, nothing else. It runs as
-- its owner (the migrating role, which bypasses row-level security); the app role may only call it.
create or replace function portal_identities(p_kind text, p_value text)
  returns table (municipality_id uuid, person_id uuid)
  language sql stable security definer
  set search_path = public, pg_temp
  as $$
    select p.municipality_id, p.id from persons p
     where p_kind = 'email' and p_value is not null and lower(btrim(p.email)) = p_value
       and exists (select 1 from family_members fm where fm.municipality_id = p.municipality_id and fm.person_id = p.id
                    and fm.relation in ('parent', 'carer') and fm.has_custody)
    union all
    select p.municipality_id, p.id from persons p
     where p_kind = 'sms' and p_value is not null and portal_phone(p.phone) = p_value
       and exists (select 1 from family_members fm where fm.municipality_id = p.municipality_id and fm.person_id = p.id
                    and fm.relation in ('parent', 'carer') and fm.has_custody)
    union all
    select p.municipality_id, p.id from persons p
     where p_kind = 'cpr' and p_value is not null and p.cpr = p_value
       and exists (select 1 from family_members fm where fm.municipality_id = p.municipality_id and fm.person_id = p.id
                    and fm.relation in ('parent', 'carer') and fm.has_custody)
    order by 1, 2
    limit 10
  $$;
comment on function portal_identities(text, text) is 'Issue 5 item 1: the portal login''s lookup before the tenant is known; returns ids only.';
revoke all on function portal_identities(text, text) from public;
grant execute on function portal_identities(text, text) to tovholder_app;
grant execute on function portal_phone(text) to tovholder_app;

-- A one-time login code. Neither the code nor the address is stored: code_hash = HMAC(secret, id ∥ code),
-- address_hash = HMAC(secret, normalised address), so a copy of the database yields neither a working code nor a
-- list of addresses. Single use (used_at), 10 minutes (expires_at), at most 5 wrong guesses (attempts).
create table portal_login_codes (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  person_id uuid not null,
  channel text not null,
  address_hash text not null,
  code_hash text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  attempts integer not null default 0,
  used_at timestamptz,
  constraint portal_login_codes_pk primary key (municipality_id, id),
  constraint portal_login_codes_person_fk foreign key (municipality_id, person_id) references persons (municipality_id, id),
  constraint portal_login_codes_channel_known check (channel in ('email', 'sms')),
  constraint portal_login_codes_hash_format check (address_hash ~ '^[A-Za-z0-9_-]{43}$' and code_hash ~ '^[A-Za-z0-9_-]{43}$'),
  constraint portal_login_codes_attempts check (attempts >= 0),
  constraint portal_login_codes_expiry check (expires_at > created_at)
);
comment on table portal_login_codes is 'Issue 5 item 1: one-time codes for the family portal login; single use, expiring, at most 5 attempts.';
comment on column portal_login_codes.address_hash is 'HMAC-SHA256 (base64url) of the normalised e-mail address or mobile number; never the address.';
comment on column portal_login_codes.code_hash is 'HMAC-SHA256 (base64url) of the code row id and the code; never the code.';
create index portal_login_codes_address on portal_login_codes (address_hash, created_at);

-- Portal sessions: like staff sessions (id = SHA-256 of the cookie secret), but for a family member, with their own
-- cookie and lifetime, so neither kind of session ever opens the other's routes.
create table portal_sessions (
  id text not null,
  municipality_id uuid not null references municipalities (id),
  person_id uuid not null,
  method text not null,
  csrf_token text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  constraint portal_sessions_pk primary key (id),
  constraint portal_sessions_person_fk foreign key (municipality_id, person_id) references persons (municipality_id, id),
  constraint portal_sessions_method_known check (method in ('code', 'oidc'))
);
comment on table portal_sessions is 'Issue 5 item 1: server-side family portal sessions; id is the SHA-256 of the cookie secret, never the secret.';
create index portal_sessions_person on portal_sessions (municipality_id, person_id);

do $$
declare t text;
begin
  foreach t in array array['portal_login_codes', 'portal_sessions'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;

-- Checking a code happens before the tenant is known: like feed_lookup, the transaction may see exactly the codes
-- issued to the one address hash it names, to learn their municipality; everything after runs in that tenant.
create policy portal_code_lookup on portal_login_codes for select to tovholder_app
  using (app_tenant() is null and address_hash = nullif(current_setting('app.portal_address_hash', true), ''));

grant select, insert, update on portal_login_codes, portal_sessions to tovholder_app;

-- The code travels through the outbox as its own kind, so the administrators' view can tell it from reminders.
alter table outbox_messages drop constraint outbox_messages_kind_known;
alter table outbox_messages add constraint outbox_messages_kind_known
  check (kind in ('meeting_reminder', 'follow_up_reminder', 'portal_login_code', 'other'));
