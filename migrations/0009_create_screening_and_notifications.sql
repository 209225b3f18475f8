-- Assessment duties of Barnets Lov (current-law.md, "Other rules of today's law"):
-- §18: screening comes first whenever the municipality knows or suspects a need — date, outcome and reasons;
-- §20 stk. 3: a børnefaglig undersøgelse is finished within 4 months of the day the municipality became aware of the
--   need, else a provisional assessment (foreløbig vurdering) is recorded. The investigation is a measure under BL §20
--   (SEL §50 before 2024); the deadline is data on its legal basis, the clock's start and the assessment are on the measure;
-- §137: a new notification (underretning) on an open case triggers a re-assessment with someone new to the case.

-- The deadline is data, not code: "a measure whose legal basis has a completion deadline is due N calendar months
-- after the day the municipality became aware" (src/modules/measure/investigation.ts).
alter table legal_bases add column completion_months integer,
  add constraint legal_bases_completion_months check (completion_months is null or completion_months between 1 and 24);
comment on column legal_bases.completion_months is 'Months from the day the municipality became aware of the need until the work must be finished (Barnets Lov §20 stk. 3, SEL §50 stk. 7: 4); null when the law sets no deadline.';
update legal_bases set completion_months = 4 where id in ('BL-20', 'SEL-50');

alter table measures
  add column aware_on date,
  add column provisional_assessment_on date,
  add column provisional_assessment text,
  add constraint measures_aware_before_start check (aware_on is null or aware_on <= starts_on),
  add constraint measures_provisional_assessment_complete check ((provisional_assessment_on is null) = (provisional_assessment is null));
comment on column measures.aware_on is 'The day the municipality became aware of the need: the 4-month clock of a børnefaglig undersøgelse starts here (Barnets Lov §20 stk. 3).';
comment on column measures.provisional_assessment_on is 'The day the provisional assessment was made, when the investigation was not finished in time (Barnets Lov §20 stk. 3).';
comment on column measures.provisional_assessment is 'Sensitive personal data: the foreløbig vurdering of the child''s situation (Barnets Lov §20 stk. 3).';

-- §18 screening: one row per screening of a case. Append-only for the app: a new screening supersedes an earlier one.
create table screenings (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  aware_on date not null,
  screened_on date not null,
  outcome text not null,
  reasons text not null,
  recorded_by uuid not null,
  recorded_at timestamptz not null default now(),
  constraint screenings_pk primary key (municipality_id, id),
  constraint screenings_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint screenings_recorded_by_fk foreign key (municipality_id, recorded_by) references users (municipality_id, id),
  constraint screenings_outcome_known check (outcome in ('nothing_further', 'afdaekning', 'child_expert_investigation')),
  constraint screenings_after_aware check (screened_on >= aware_on),
  constraint screenings_reasons_given check (btrim(reasons) <> '')
);
comment on table screenings is 'Barnets Lov §18: the screening of a known or suspected need — when the municipality became aware, when it screened, the outcome (nothing further / afdækning §19 / børnefaglig undersøgelse §20) and why.';
comment on column screenings.reasons is 'Sensitive personal data: why the screening reached its outcome.';
create index screenings_case on screenings (municipality_id, case_id, screened_on desc);

-- §137 notifications (underretninger) about a child whose case is in the register.
create table notifications (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  received_on date not null,
  source text not null,
  summary text not null,
  recorded_by uuid not null,
  recorded_at timestamptz not null default now(),
  constraint notifications_pk primary key (municipality_id, id),
  constraint notifications_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint notifications_recorded_by_fk foreign key (municipality_id, recorded_by) references users (municipality_id, id),
  constraint notifications_source_known check (source in ('school', 'daycare', 'health', 'police', 'family', 'anonymous', 'other')),
  constraint notifications_summary_given check (btrim(summary) <> '')
);
comment on table notifications is 'Underretninger received about the child of a case; on an open case each one opens a re-assessment (Barnets Lov §137).';
comment on column notifications.summary is 'Sensitive personal data: what the notification says about the child.';
create index notifications_case on notifications (municipality_id, case_id, received_on desc);

-- §137 re-assessment: one per notification on an open case, done with someone new to the case.
create table reassessments (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  notification_id uuid not null,
  opened_on date not null,
  assigned_user_id uuid,
  completed_on date,
  conclusion text,
  completed_by uuid,
  version integer not null default 1,
  constraint reassessments_pk primary key (municipality_id, id),
  constraint reassessments_one_per_notification unique (municipality_id, notification_id),
  constraint reassessments_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint reassessments_notification_fk foreign key (municipality_id, notification_id) references notifications (municipality_id, id),
  constraint reassessments_assigned_user_fk foreign key (municipality_id, assigned_user_id) references users (municipality_id, id),
  constraint reassessments_completed_by_fk foreign key (municipality_id, completed_by) references users (municipality_id, id),
  -- Completed means: a new person did it, on a day, with a conclusion (Barnets Lov §137).
  constraint reassessments_completed_complete check (completed_on is null or (assigned_user_id is not null and btrim(coalesce(conclusion, '')) <> '')),
  constraint reassessments_completed_after_opened check (completed_on is null or completed_on >= opened_on)
);
comment on table reassessments is 'Barnets Lov §137: the re-assessment a new notification on an open case triggers, with a staff member new to the case.';
comment on column reassessments.conclusion is 'Sensitive personal data: what the re-assessment concluded.';
create index reassessments_open on reassessments (municipality_id, case_id) where completed_on is null;

do $$
declare t text;
begin
  foreach t in array array['screenings', 'notifications', 'reassessments'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
-- Screenings and notifications are records of what happened (append-only for the app); a re-assessment is assigned and completed.
grant select, insert on screenings, notifications to tovholder_app;
grant select, insert, update on reassessments to tovholder_app;
