-- Issue 9 items 3-6: leading the practice (000:232-261, 001:236-256, 004:4088-4095).
--   handover notes and deputies (stedfortrædere) on a case; the transition track to adult services from 16;
--   the coordination group (EFEI, 000:240-245) and stop-op meetings (SOF, 001:243) as meeting series with a decision log;
--   individual learning goals per employee (001:247-251).

-- ---- Deputies: a time-bound assignment while the responsible person is absent ----
alter table case_assignments drop constraint case_assignments_role_known;
alter table case_assignments add constraint case_assignments_role_known
  check (role in ('family_coordinator', 'primary_caseworker', 'buddy', 'caseworker', 'deputy'));
-- A deputy's access always ends by itself: the period has an end (issue 9 item 3 "time-bound access").
alter table case_assignments add constraint case_assignments_deputy_has_end check (role <> 'deputy' or ends_on is not null);
alter table case_assignments add column deputy_for_user_id uuid;
alter table case_assignments add constraint case_assignments_deputy_for_fk foreign key (municipality_id, deputy_for_user_id) references users (municipality_id, id);
alter table case_assignments add constraint case_assignments_deputy_for_only_deputy check (deputy_for_user_id is null or role = 'deputy');
comment on column case_assignments.deputy_for_user_id is 'For a deputy (stedfortræder): whom they stand in for during the absence.';

-- ---- Handover notes: the change of the responsible person and the note are one transaction ----
create table handover_notes (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  from_user_id uuid,
  to_user_id uuid not null,
  role text not null,
  handed_over_on date not null,
  family_needs text not null,
  open_agreements text,
  next_dates text,
  shared_note text,
  batch_id uuid,
  created_by uuid not null,
  created_at timestamptz not null,
  constraint handover_notes_tenant_key unique (municipality_id, id),
  constraint handover_notes_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint handover_notes_from_fk foreign key (municipality_id, from_user_id) references users (municipality_id, id),
  constraint handover_notes_to_fk foreign key (municipality_id, to_user_id) references users (municipality_id, id),
  constraint handover_notes_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint handover_notes_role_known check (role in ('family_coordinator', 'primary_caseworker')),
  constraint handover_notes_needs_given check (btrim(family_needs) <> '')
);
comment on table handover_notes is 'Issue 9 item 3: the structured note written when a case''s family coordinator (000:97-99) or primary caseworker (001:160-187) changes; batch_id groups a bulk reassignment.';
comment on column handover_notes.family_needs is 'Sensitive personal data: what the family needs the new contact to know.';
comment on column handover_notes.open_agreements is 'Personal data: the open agreements with the family.';
comment on column handover_notes.next_dates is 'Personal data: the next dates (meetings, follow-ups, deadlines) of the case.';
comment on column handover_notes.shared_note is 'Personal data: the note shared by all cases of a bulk reassignment.';
create index handover_notes_case on handover_notes (municipality_id, case_id, handed_over_on desc);

-- ---- Transition track to adult services (004:4088-4095) ----
create table case_transition_tracks (
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  adult_contact_name text,
  adult_contact_unit text,
  adult_contact_phone text,
  adult_contact_email text,
  version integer not null default 1,
  updated_by uuid not null,
  updated_at timestamptz not null,
  constraint case_transition_tracks_pk primary key (municipality_id, case_id),
  constraint case_transition_tracks_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint case_transition_tracks_updated_by_fk foreign key (municipality_id, updated_by) references users (municipality_id, id)
);
comment on table case_transition_tracks is 'Issue 9 item 4: the transition track of a case from the child''s 16th year (004:4088-4095): the contact in adult services.';
comment on column case_transition_tracks.adult_contact_name is 'Personal data: the contact person in adult services.';
comment on column case_transition_tracks.adult_contact_phone is 'Personal data: phone of the contact in adult services.';
comment on column case_transition_tracks.adult_contact_email is 'Personal data: e-mail of the contact in adult services.';

create table case_transition_steps (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  title text not null,
  planned_on date not null,
  done_on date,
  created_by uuid not null,
  created_at timestamptz not null,
  constraint case_transition_steps_tenant_key unique (municipality_id, id),
  constraint case_transition_steps_track_fk foreign key (municipality_id, case_id) references case_transition_tracks (municipality_id, case_id),
  constraint case_transition_steps_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint case_transition_steps_title_given check (btrim(title) <> '' and length(title) <= 300)
);
comment on table case_transition_steps is 'Issue 9 item 4: the planned steps of the transition to adult services, with dates and when each was done.';
comment on column case_transition_steps.title is 'Personal data: what is to happen for the young person.';
create index case_transition_steps_case on case_transition_steps (municipality_id, case_id, planned_on);

-- ---- Coordination group (EFEI 000:240-245) and stop-op meetings (SOF 001:243) ----
create table leader_meeting_series (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  kind text not null,
  title text not null,
  first_on date not null,
  created_by uuid not null,
  created_at timestamptz not null,
  constraint leader_meeting_series_tenant_key unique (municipality_id, id),
  constraint leader_meeting_series_kind_known check (kind in ('coordination_group', 'stop_op')),
  constraint leader_meeting_series_title_given check (btrim(title) <> '' and length(title) <= 200),
  constraint leader_meeting_series_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id)
);
comment on table leader_meeting_series is 'Issue 9 item 5: the coordination group (EFEI, monthly, leaders of the involved departments, 000:240-245) and stop-op meetings (SOF, every 3 months, 001:243). No personal data.';

create table leader_meeting_members (
  municipality_id uuid not null references municipalities (id),
  series_id uuid not null,
  user_id uuid not null,
  constraint leader_meeting_members_pk primary key (municipality_id, series_id, user_id),
  constraint leader_meeting_members_series_fk foreign key (municipality_id, series_id) references leader_meeting_series (municipality_id, id) on delete cascade,
  constraint leader_meeting_members_user_fk foreign key (municipality_id, user_id) references users (municipality_id, id)
);
comment on table leader_meeting_members is 'Issue 9 item 5: who takes part in a leaders'' meeting series and receives its minutes.';

create table leader_meetings (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  series_id uuid not null,
  scheduled_on date not null,
  status text not null default 'planned',
  held_on date,
  agenda jsonb,
  minutes text,
  minutes_sent_at timestamptz,
  version integer not null default 1,
  constraint leader_meetings_tenant_key unique (municipality_id, id),
  constraint leader_meetings_series_fk foreign key (municipality_id, series_id) references leader_meeting_series (municipality_id, id),
  constraint leader_meetings_once unique (municipality_id, series_id, scheduled_on),
  constraint leader_meetings_status_known check (status in ('planned', 'held')),
  constraint leader_meetings_held check ((status = 'held') = (held_on is not null))
);
comment on table leader_meetings is 'Issue 9 item 5: one meeting of a series; the agenda is prefilled from data (aggregates and case numbers only) and kept as it stood when the meeting was held.';
comment on column leader_meetings.agenda is 'Aggregates and case numbers only, never narratives or names of family members.';
comment on column leader_meetings.minutes is 'The minutes; leaders write about practice, not about families by name.';

create table leader_meeting_decisions (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  meeting_id uuid not null,
  text text not null,
  responsible_user_id uuid not null,
  due_on date,
  created_by uuid not null,
  created_at timestamptz not null,
  constraint leader_meeting_decisions_meeting_fk foreign key (municipality_id, meeting_id) references leader_meetings (municipality_id, id),
  constraint leader_meeting_decisions_responsible_fk foreign key (municipality_id, responsible_user_id) references users (municipality_id, id),
  constraint leader_meeting_decisions_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint leader_meeting_decisions_text_given check (btrim(text) <> '' and length(text) <= 2000)
);
comment on table leader_meeting_decisions is 'Issue 9 item 5: the decision log of a leaders'' meeting: what was decided, who is responsible, by when.';

-- ---- Individual learning goals (001:247-251) ----
create table learning_goals (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  employee_user_id uuid not null,
  leader_user_id uuid not null,
  buddy_user_id uuid,
  goal text not null,
  follow_up_on date not null,
  status text not null default 'active',
  notes text,
  version integer not null default 1,
  created_by uuid not null,
  created_at timestamptz not null,
  constraint learning_goals_tenant_key unique (municipality_id, id),
  constraint learning_goals_employee_fk foreign key (municipality_id, employee_user_id) references users (municipality_id, id),
  constraint learning_goals_leader_fk foreign key (municipality_id, leader_user_id) references users (municipality_id, id),
  constraint learning_goals_buddy_fk foreign key (municipality_id, buddy_user_id) references users (municipality_id, id),
  constraint learning_goals_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint learning_goals_status_known check (status in ('active', 'achieved', 'dropped')),
  constraint learning_goals_goal_given check (btrim(goal) <> '' and length(goal) <= 2000),
  constraint learning_goals_not_own_leader check (leader_user_id <> employee_user_id),
  constraint learning_goals_not_own_buddy check (buddy_user_id is null or buddy_user_id <> employee_user_id)
);
comment on table learning_goals is 'Issue 9 item 6: an employee''s individual learning goal (001:247-251), set with their leader, optionally with the buddy (makkerskab); visible only to the three of them.';
comment on column learning_goals.goal is 'Personal data about the employee: what they want to learn.';
comment on column learning_goals.notes is 'Personal data about the employee: notes of the follow-up.';
create index learning_goals_employee on learning_goals (municipality_id, employee_user_id);
create index learning_goals_leader on learning_goals (municipality_id, leader_user_id);

do $$
declare t text;
begin
  foreach t in array array['handover_notes', 'case_transition_tracks', 'case_transition_steps', 'leader_meeting_series', 'leader_meeting_members',
                           'leader_meetings', 'leader_meeting_decisions', 'learning_goals'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
-- A handover note is history: written once, never changed.
grant select, insert on handover_notes, leader_meeting_decisions to tovholder_app;
grant select, insert, update on case_transition_tracks, case_transition_steps, leader_meeting_series, leader_meetings, learning_goals to tovholder_app;
grant select, insert, delete on leader_meeting_members to tovholder_app;
