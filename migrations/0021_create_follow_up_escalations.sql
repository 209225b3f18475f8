-- Leading the practice (issue 9 items 1, 2 and 8): escalation of overdue follow-ups to the team leader, and the
-- indexes the leader dashboard (caseload, follow-up compliance per department) reads by. The rules live in
-- src/modules/leadership (escalation.ts, compliance.ts, caseload.ts); due dates come from src/modules/cadence.

-- One row per overdue episode: a case's follow-up due on `due_on` that was still not held `overdue_days` days later.
-- The unique key (municipality_id, case_id, due_on) makes the escalation fire exactly once per episode, whatever
-- the number of scheduler runs; a follow-up held later gives a new due date and so a new episode.
create table follow_up_escalations (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  due_on date not null,
  -- The last follow-up (or the case start) the due date was counted from: a later one means the follow-up was held.
  counts_from date not null,
  escalated_on date not null,
  overdue_days integer not null,
  department_id uuid not null,
  team_leader_user_id uuid not null,
  resolved_at timestamptz,
  resolved_by uuid,
  resolution text,
  resolution_note text,
  version integer not null default 1,
  constraint follow_up_escalations_tenant_key unique (municipality_id, id),
  constraint follow_up_escalations_episode_unique unique (municipality_id, case_id, due_on),
  constraint follow_up_escalations_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint follow_up_escalations_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id),
  constraint follow_up_escalations_leader_fk foreign key (municipality_id, team_leader_user_id) references users (municipality_id, id),
  constraint follow_up_escalations_resolved_by_fk foreign key (municipality_id, resolved_by) references users (municipality_id, id),
  constraint follow_up_escalations_escalated_after_due check (escalated_on > due_on),
  constraint follow_up_escalations_overdue_days_positive check (overdue_days >= 1),
  constraint follow_up_escalations_resolution_known check (resolution is null or resolution in ('follow_up_held', 'no_longer_due', 'manual')),
  constraint follow_up_escalations_resolved_together check ((resolved_at is null) = (resolution is null)),
  constraint follow_up_escalations_manual_note check (resolution is distinct from 'manual' or (resolved_by is not null and btrim(coalesce(resolution_note, '')) <> ''))
);
create index follow_up_escalations_open on follow_up_escalations (municipality_id, department_id, due_on) where resolved_at is null;
create index follow_up_escalations_case on follow_up_escalations (municipality_id, case_id);
comment on table follow_up_escalations is 'Overdue follow-ups escalated to the team leader of the case''s responsible department (issue 9 item 2); open until resolved automatically (the follow-up was held) or by the leader with a note.';
comment on column follow_up_escalations.resolution_note is 'Personal data: the leader''s free-text note on how the escalation was resolved; may mention the family.';

-- The dashboard reads a department's cases and their lead assignments over time (caseload history per month).
create index cases_responsible_department on cases (municipality_id, responsible_department_id, status);
create index case_assignments_lead_history on case_assignments (municipality_id, user_id, starts_on, ends_on)
  where role in ('family_coordinator', 'primary_caseworker');

alter table follow_up_escalations enable row level security;
alter table follow_up_escalations force row level security;
create policy tenant_isolation on follow_up_escalations to tovholder_app
  using (municipality_id = app_tenant()) with check (municipality_id = app_tenant());
-- Escalations are history: resolved, never deleted.
grant select, insert, update on follow_up_escalations to tovholder_app;
