-- The guided case flow, the core team's fixed teams, and meetings with participants, agenda points (per method
-- template column), decisions and agreements (aftaler).

-- Meetings of a case: the facts the guided flow derives its steps from (000:139-210, 001:158-225).
-- Primary key (municipality_id, id): other tables (the joint plan, 0004) point at a meeting within its municipality.
create table meetings (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  type text not null,
  template text not null default 'free',
  child_contact text,
  title text,
  scheduled_at timestamptz not null,
  location text,
  status text not null default 'planned',
  minutes text,
  next_meeting_on date,
  no_next_meeting_reason text,
  closed_at timestamptz,
  closed_by uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint meetings_pk primary key (municipality_id, id),
  constraint meetings_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint meetings_closed_by_fk foreign key (municipality_id, closed_by) references users (municipality_id, id),
  constraint meetings_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint meetings_type_known check (type in ('start_conversation', 'child_conversation', 'home_visit',
    'assessment_meeting', 'analysis_meeting', 'summary_meeting', 'status_meeting', 'network_meeting', 'follow_up')),
  -- 001:161-163: the child's perspective through a conversation or, whatever the child's level of function, an observation.
  constraint meetings_child_contact_known check (child_contact is null or
    (type = 'child_conversation' and child_contact in ('conversation', 'observation'))),
  constraint meetings_template_known check (template in ('signs_of_safety', 'loft', 'ics', 'free')),
  constraint meetings_status_known check (status in ('planned', 'closed', 'cancelled')),
  -- 000:677-680: a new meeting date is agreed at every meeting; a closed meeting has one or says why not.
  constraint meetings_closed_has_next check (status <> 'closed' or closed_at is not null and
    (next_meeting_on is not null or coalesce(btrim(no_next_meeting_reason), '') <> ''))
);
comment on table meetings is 'Meetings of a case: start conversation, child conversation/observation, home visit, assessment, analysis (without the family, 000:685-686), summary, status, network and follow-up meetings; closing needs a next date or a reason (000:677-680).';
comment on column meetings.title is 'Personal data: may name the family.';
comment on column meetings.location is 'Personal data: may be the family''s home.';
comment on column meetings.minutes is 'Sensitive personal data: the minutes (referat) of the meeting.';
comment on column meetings.no_next_meeting_reason is 'Personal data: why no next meeting was agreed.';
create index meetings_case on meetings (municipality_id, case_id, scheduled_at);

-- Who takes part: staff users (incl. external partners who log in), family members (persons) and named guests
-- without an account (e.g. external experts at an analysis meeting, 000:681-686).
create table meeting_participants (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  meeting_id uuid not null,
  kind text not null,
  user_id uuid,
  person_id uuid,
  guest_name text,
  guest_organisation text,
  role text not null default 'participant',
  created_at timestamptz not null default now(),
  constraint meeting_participants_pk primary key (municipality_id, id),
  constraint meeting_participants_meeting_fk foreign key (municipality_id, meeting_id) references meetings (municipality_id, id) on delete cascade,
  constraint meeting_participants_user_fk foreign key (municipality_id, user_id) references users (municipality_id, id),
  constraint meeting_participants_person_fk foreign key (municipality_id, person_id) references persons (municipality_id, id),
  constraint meeting_participants_kind_known check (kind in ('user', 'person', 'guest')),
  constraint meeting_participants_kind_fields check (
    (kind = 'user' and user_id is not null and person_id is null and guest_name is null) or
    (kind = 'person' and person_id is not null and user_id is null and guest_name is null) or
    (kind = 'guest' and guest_name is not null and user_id is null and person_id is null)),
  -- 000:586-589: the coordinator chairs, one member takes the minutes.
  constraint meeting_participants_role_known check (role in ('chair', 'minute_taker', 'participant'))
);
comment on table meeting_participants is 'Participants of a meeting with their role: chair, minute taker (000:586-589) or participant.';
comment on column meeting_participants.guest_name is 'Personal data: a participant without an account.';
comment on column meeting_participants.guest_organisation is 'The guest''s organisation, e.g. "Specialskolen".';
create unique index meeting_participants_user on meeting_participants (municipality_id, meeting_id, user_id) where user_id is not null;
create unique index meeting_participants_person on meeting_participants (municipality_id, meeting_id, person_id) where person_id is not null;
create unique index meeting_participants_one_chair on meeting_participants (municipality_id, meeting_id) where role = 'chair';
create unique index meeting_participants_one_minute_taker on meeting_participants (municipality_id, meeting_id) where role = 'minute_taker';

-- Agenda points entered per column of the meeting's method template, as on the methods' whiteboard
-- (Signs of Safety 000:486-493, LØFT 001:444-452, ICS 003:118-131, or free).
create table meeting_agenda_points (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  meeting_id uuid not null,
  column_key text not null,
  text text not null,
  position integer not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint meeting_agenda_points_pk primary key (municipality_id, id),
  constraint meeting_agenda_points_meeting_fk foreign key (municipality_id, meeting_id) references meetings (municipality_id, id) on delete cascade,
  constraint meeting_agenda_points_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint meeting_agenda_points_column_known check (column_key in ('worries', 'working_well', 'next_steps',
    'see_happen', 'agreements', 'developmental_needs', 'parenting_capacity', 'family_environment', 'points'))
);
comment on table meeting_agenda_points is 'Points written in one column of the meeting''s method template.';
comment on column meeting_agenda_points.text is 'Personal data: what was said about the child and family.';
create index meeting_agenda_points_meeting on meeting_agenda_points (municipality_id, meeting_id, column_key, position);

create table meeting_decisions (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  meeting_id uuid not null,
  text text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  constraint meeting_decisions_pk primary key (municipality_id, id),
  constraint meeting_decisions_meeting_fk foreign key (municipality_id, meeting_id) references meetings (municipality_id, id) on delete cascade,
  constraint meeting_decisions_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id)
);
comment on table meeting_decisions is 'Decisions made at a meeting.';
comment on column meeting_decisions.text is 'Personal data.';
create index meeting_decisions_meeting on meeting_decisions (municipality_id, meeting_id);

-- Agreements (aftaler) with an owner: a family member, the coordinator or a partner; who coordinates what is
-- explicit (contract-based collaboration, 001:395-400, 001:536-541).
create table meeting_agreements (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  meeting_id uuid not null,
  text text not null,
  owner_user_id uuid,
  owner_person_id uuid,
  due_on date,
  status text not null default 'open',
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint meeting_agreements_pk primary key (municipality_id, id),
  constraint meeting_agreements_meeting_fk foreign key (municipality_id, meeting_id) references meetings (municipality_id, id) on delete cascade,
  constraint meeting_agreements_owner_user_fk foreign key (municipality_id, owner_user_id) references users (municipality_id, id),
  constraint meeting_agreements_owner_person_fk foreign key (municipality_id, owner_person_id) references persons (municipality_id, id),
  constraint meeting_agreements_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint meeting_agreements_one_owner check ((owner_user_id is null) <> (owner_person_id is null)),
  constraint meeting_agreements_status_known check (status in ('open', 'done', 'cancelled'))
);
comment on table meeting_agreements is 'Agreements (aftaler) made at a meeting, each with one owner (family member or staff/partner), a deadline and a status.';
comment on column meeting_agreements.text is 'Personal data.';
create index meeting_agreements_meeting on meeting_agreements (municipality_id, meeting_id);

-- Rounds of the EFEI flow: steps 2-7 are repeated when needed (000:139-210). Round 1 starts when the case opens and
-- has no row; every later round is started explicitly, with a reason, so ordinary plan revisions in operation do not
-- reset the flow.
create table case_flow_rounds (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  number integer not null,
  reason text not null,
  started_at timestamptz not null,
  started_by uuid,
  constraint case_flow_rounds_pk primary key (municipality_id, id),
  constraint case_flow_rounds_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint case_flow_rounds_started_by_fk foreign key (municipality_id, started_by) references users (municipality_id, id),
  constraint case_flow_rounds_number check (number >= 2),
  constraint case_flow_rounds_reason_given check (btrim(reason) <> ''),
  constraint case_flow_rounds_unique unique (municipality_id, case_id, number)
);
comment on table case_flow_rounds is 'EFEI: a new round of steps 2-7, started with a reason (000:139-210 "Sagsskridt 2-7 gentages ved behov").';
comment on column case_flow_rounds.reason is 'Personal data: why the family''s situation is assessed again.';

-- Facts recorded for flow steps that are not meetings: skipping the optional analysis meeting (step 4) with a reason,
-- the information gathered (step 3) and shared (step 5). A record has content (what, from whom, why), never a bare tick.
create table case_flow_records (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  round integer not null,
  step text not null,
  kind text not null,
  text text not null,
  recorded_at timestamptz not null,
  recorded_by uuid,
  constraint case_flow_records_pk primary key (municipality_id, id),
  constraint case_flow_records_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint case_flow_records_recorded_by_fk foreign key (municipality_id, recorded_by) references users (municipality_id, id),
  constraint case_flow_records_kind_known check (kind in ('skipped', 'information_gathered', 'information_shared')),
  constraint case_flow_records_text_given check (btrim(text) <> ''),
  constraint case_flow_records_round check (round >= 1)
);
comment on table case_flow_records is 'Recorded facts of the guided flow: a skipped optional step with its reason, information gathered or shared.';
comment on column case_flow_records.text is 'Personal data: the reason, or what information was gathered/shared with whom.';
create index case_flow_records_case on case_flow_records (municipality_id, case_id, round);

-- Fixed core teams (000:563-603): a municipality may run standing core teams instead of forming one per case; a
-- fixed team is applied to a case, which copies its members into case_team_members.
create table fixed_core_teams (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  name text not null,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint fixed_core_teams_pk primary key (municipality_id, id),
  constraint fixed_core_teams_name_unique unique (municipality_id, name)
);
comment on table fixed_core_teams is 'Standing core teams of a municipality that can be applied to a case (000:563-603).';

create table fixed_core_team_members (
  municipality_id uuid not null references municipalities (id),
  team_id uuid not null,
  user_id uuid not null,
  team_role text not null default 'member',
  constraint fixed_core_team_members_pk primary key (municipality_id, team_id, user_id),
  constraint fixed_core_team_members_team_fk foreign key (municipality_id, team_id) references fixed_core_teams (municipality_id, id) on delete cascade,
  constraint fixed_core_team_members_user_fk foreign key (municipality_id, user_id) references users (municipality_id, id)
);
comment on table fixed_core_team_members is 'Members of a fixed core team with their role.';

do $$
declare t text;
begin
  foreach t in array array['meetings', 'meeting_participants', 'meeting_agenda_points', 'meeting_decisions',
      'meeting_agreements', 'case_flow_rounds', 'case_flow_records', 'fixed_core_teams', 'fixed_core_team_members'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to tovholder_app', t);
  end loop;
end $$;
