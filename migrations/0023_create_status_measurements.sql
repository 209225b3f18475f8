-- Fidelity status measurements (statusmålinger / kerneelementsmålinger), issue 9 item 7 = issue 10 item 6
-- (004:716-723, 004:1919-1999, 004:4890-4907): every quarter, for each open case, the key staff rate how far each of
-- the model's four core elements is practised, on index questions scored 1 ("slet ikke") to 6 ("i meget høj grad").
-- The questions and element names are versioned data in src/modules/status-measurement/definitions.ts; the rules are
-- in src/modules/status-measurement/rules.ts.

create table status_measurements (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  rater_user_id uuid not null,
  -- The calendar quarter measured, 'YYYY-Qn' (Copenhagen date of the injectable clock when first submitted).
  quarter text not null,
  model text not null,
  definition_version integer not null,
  -- The case's responsible department when rated: the team the result counts for.
  department_id uuid not null,
  submitted_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  constraint status_measurements_tenant_key unique (municipality_id, id),
  -- One measurement per case per quarter per rater.
  constraint status_measurements_one_per_quarter unique (municipality_id, case_id, rater_user_id, quarter),
  constraint status_measurements_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint status_measurements_rater_fk foreign key (municipality_id, rater_user_id) references users (municipality_id, id),
  constraint status_measurements_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id),
  constraint status_measurements_quarter_format check (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  constraint status_measurements_model_known check (model in ('efei', 'sof')),
  constraint status_measurements_definition_positive check (definition_version >= 1),
  constraint status_measurements_version_positive check (version >= 1)
);
create index status_measurements_department_quarter on status_measurements (municipality_id, department_id, model, quarter);
create index status_measurements_rater on status_measurements (municipality_id, rater_user_id, quarter);
comment on table status_measurements is 'One key staff member''s quarterly status measurement of one case: how far the model''s four core elements are practised (004:716-723, 004:1919-1926, 004:4890-4897).';
comment on column status_measurements.case_id is 'Personal data by link: the case (child) the measurement is about.';
comment on column status_measurements.rater_user_id is 'Personal data: the staff member who rated (sees their own entries).';

create table status_measurement_answers (
  municipality_id uuid not null references municipalities (id),
  measurement_id uuid not null,
  element_key text not null,
  question_key text not null,
  score smallint not null,
  constraint status_measurement_answers_pk primary key (municipality_id, measurement_id, question_key),
  constraint status_measurement_answers_measurement_fk foreign key (municipality_id, measurement_id)
    references status_measurements (municipality_id, id) on delete cascade,
  -- The scale of the evaluation: 1 = "slet ikke" … 6 = "i meget høj grad" (004:1942-1943, 004:4895-4897).
  constraint status_measurement_answers_score_range check (score between 1 and 6)
);
comment on table status_measurement_answers is 'The 1-6 score of each index question of a status measurement, grouped by core element (004:4894-4897).';
comment on column status_measurement_answers.score is 'A staff member''s self-assessment of their practice on one case (personal data by link to the case).';

create table status_measurement_raters (
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  user_id uuid not null,
  added_by uuid not null,
  added_on date not null,
  constraint status_measurement_raters_pk primary key (municipality_id, case_id, user_id),
  constraint status_measurement_raters_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint status_measurement_raters_user_fk foreign key (municipality_id, user_id) references users (municipality_id, id),
  constraint status_measurement_raters_added_by_fk foreign key (municipality_id, added_by) references users (municipality_id, id)
);
comment on table status_measurement_raters is 'Staff a leader of the case''s department added as raters of its status measurement, besides the case''s lead, caseworkers and core team (004:4899-4905: rate together with the relevant partners).';
comment on column status_measurement_raters.user_id is 'Personal data: the staff member added as rater.';

do $$
declare t text;
begin
  foreach t in array array['status_measurements', 'status_measurement_answers', 'status_measurement_raters'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
grant select, insert, update on status_measurements to tovholder_app;
grant select, insert, update, delete on status_measurement_answers to tovholder_app;
grant select, insert, delete on status_measurement_raters to tovholder_app;
