-- Follow-up and contact log, contact agreements (versioned), the start of the transition to adult services, and the
-- annual wheel (årshjul). The cadence itself is a rule in code (src/modules/cadence/rules.ts), never a column:
-- the SOF cadences are fixed and cannot be changed by a municipality (001:770-771, 002:226).

-- The contact log: completed follow-ups of a case (the cadence counts from the last one, 001:753-771) and informal
-- contacts with the family between follow-ups (sms, short calls, 001:772-775).
create table contact_log (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  family_id uuid not null,
  case_id uuid,
  kind text not null,
  channel text not null,
  direction text not null default 'outgoing',
  occurred_on date not null,
  summary text,
  agreements_reviewed text,
  recorded_by uuid,
  created_at timestamptz not null default now(),
  constraint contact_log_pk primary key (municipality_id, id),
  constraint contact_log_family_fk foreign key (municipality_id, family_id) references families (municipality_id, id),
  constraint contact_log_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint contact_log_recorded_by_fk foreign key (municipality_id, recorded_by) references users (municipality_id, id),
  constraint contact_log_kind_known check (kind in ('follow_up', 'informal')),
  -- A follow-up is held by phone, at a physical meeting, by video or as a home visit (001:811-813, 001:425-427);
  -- informal contact is by sms, call, e-mail or message (001:772-775).
  constraint contact_log_channel_fits_kind check (
    (kind = 'follow_up' and channel in ('phone', 'physical_meeting', 'video', 'home_visit') and case_id is not null and btrim(coalesce(summary, '')) <> '') or
    (kind = 'informal' and channel in ('sms', 'call', 'email', 'message'))),
  constraint contact_log_direction_known check (direction in ('outgoing', 'incoming'))
);
comment on table contact_log is 'Completed follow-ups (SOF cadence, 001:753-771) and informal contacts (001:772-775) with a family; a follow-up resets the case''s next due date.';
comment on column contact_log.summary is 'Sensitive personal data: what was talked about.';
comment on column contact_log.agreements_reviewed is 'Personal data: the agreements followed up on (001:814-816).';
create index contact_log_case on contact_log (municipality_id, case_id, occurred_on desc) where kind = 'follow_up';
create index contact_log_family on contact_log (municipality_id, family_id, occurred_on desc);

-- How and how often each family wants contact (000:423-445, 001:429-433). Every revision is a new row: the agreement
-- is recorded at the start and revisable, and earlier versions stay readable. The unique revision number makes two
-- concurrent revisions of the same version collide (409) instead of one silently winning.
create table contact_agreements (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  family_id uuid not null,
  revision integer not null,
  channels text[] not null,
  every_days integer not null,
  good_times text,
  prefers_space boolean not null default false,
  max_contacts_per_30_days integer,
  note text,
  recorded_by uuid,
  recorded_at timestamptz not null default now(),
  constraint contact_agreements_pk primary key (municipality_id, id),
  constraint contact_agreements_revision_unique unique (municipality_id, family_id, revision),
  constraint contact_agreements_family_fk foreign key (municipality_id, family_id) references families (municipality_id, id),
  constraint contact_agreements_recorded_by_fk foreign key (municipality_id, recorded_by) references users (municipality_id, id),
  constraint contact_agreements_channels_given check (cardinality(channels) >= 1
    and channels <@ array['phone', 'sms', 'email', 'message', 'video', 'physical_meeting', 'home_visit']::text[]),
  constraint contact_agreements_every_days check (every_days between 1 and 366),
  constraint contact_agreements_space_limit check ((prefers_space and max_contacts_per_30_days between 1 and 31) or (not prefers_space and max_contacts_per_30_days is null)),
  constraint contact_agreements_revision_positive check (revision >= 1)
);
comment on table contact_agreements is 'The contact agreement of a family, one row per revision: channels, how often, good times, and whether the family prefers "space" (000:423-445, 001:429-433).';
comment on column contact_agreements.good_times is 'Personal data: when the family can be reached.';
comment on column contact_agreements.note is 'Personal data: the family''s wishes in their own words.';

-- The transition to adult services has started (004:4088-4095: "overgangen til voksenområdet startes op i tide").
-- One row per case; the worklist warns until it exists once the child is within the municipality's lead time of 18.
create table case_transitions (
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  started_on date not null,
  note text,
  recorded_by uuid,
  created_at timestamptz not null default now(),
  constraint case_transitions_pk primary key (municipality_id, case_id),
  constraint case_transitions_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint case_transitions_recorded_by_fk foreign key (municipality_id, recorded_by) references users (municipality_id, id)
);
comment on table case_transitions is 'When the transition to adult services started for a case''s child (004:4088-4095, 001:194-200 handover at 18).';
comment on column case_transitions.note is 'Personal data: what was started, with whom in adult services.';

-- Planned activities of a family's annual wheel (001:851-884): placed by month without a date, then scheduled into a
-- dated event. Follow-ups generated from the cadence and transition milestones are computed, not stored, until the
-- caseworker schedules one (it is then stored here with its date).
create table annual_wheel_activities (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  family_id uuid not null,
  case_id uuid,
  year integer not null,
  month integer not null,
  kind text not null,
  title text,
  scheduled_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint annual_wheel_activities_pk primary key (municipality_id, id),
  constraint annual_wheel_activities_family_fk foreign key (municipality_id, family_id) references families (municipality_id, id),
  constraint annual_wheel_activities_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint annual_wheel_activities_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint annual_wheel_activities_month check (month between 1 and 12),
  constraint annual_wheel_activities_year check (year between 2000 and 2100),
  constraint annual_wheel_activities_kind_known check (kind in ('follow_up', 'network_meeting', 'status_meeting', 'plan_evaluation', 'transition_milestone', 'other')),
  -- 001:862-864: activities are placed by month; once scheduled, the date lies in the wheel's year and month.
  constraint annual_wheel_activities_scheduled_in_month check (scheduled_at is null or (
    extract(year from scheduled_at at time zone 'Europe/Copenhagen') = year and extract(month from scheduled_at at time zone 'Europe/Copenhagen') = month))
);
comment on table annual_wheel_activities is 'The årshjul: planned activities of a family by month, without a date until scheduled (001:851-884).';
comment on column annual_wheel_activities.title is 'Personal data: may name the family or a partner.';
create index annual_wheel_activities_family on annual_wheel_activities (municipality_id, family_id, year, month);

do $$
declare t text;
begin
  foreach t in array array['contact_log', 'contact_agreements', 'case_transitions', 'annual_wheel_activities'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
-- The log and the agreement's revisions are append-only for the app: corrections are new entries/revisions.
grant select, insert on contact_log, contact_agreements to tovholder_app;
grant select, insert, update on case_transitions, annual_wheel_activities to tovholder_app;
