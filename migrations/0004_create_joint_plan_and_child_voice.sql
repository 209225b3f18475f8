-- The joint plan (fælles plan): one per family, every revision an immutable version; and the child's own voice:
-- summaries of child conversations/observations and Dialoglinealen scores over time.

-- Goals link to the measures (§) they serve; a composite key keeps that link inside one municipality.
alter table measures add constraint measures_tenant_key unique (municipality_id, id);

-- 000:736-760, 003:140-146: one joint plan for the whole family across departments.
create table joint_plans (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  family_id uuid not null,
  latest_version integer not null default 0,
  created_by uuid,
  created_at timestamptz not null default now(),
  constraint joint_plans_pk primary key (municipality_id, id),
  -- models.md rule 7, 000:736-760: one joint plan per family.
  constraint joint_plans_one_per_family unique (municipality_id, family_id),
  constraint joint_plans_family_fk foreign key (municipality_id, family_id) references families (municipality_id, id),
  constraint joint_plans_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id)
);
comment on table joint_plans is 'The family''s one joint plan (fælles plan, 000:736-760, 003:140-146); its content lives in immutable versions.';

-- Every revision is a new version recording who, when and why; rows are never changed (trigger below).
create table joint_plan_versions (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  plan_id uuid not null,
  number integer not null,
  based_on integer,
  reason text not null,
  meeting_id uuid,
  created_by uuid not null,
  created_at timestamptz not null,
  constraint joint_plan_versions_pk primary key (municipality_id, id),
  constraint joint_plan_versions_number_unique unique (municipality_id, plan_id, number),
  constraint joint_plan_versions_plan_fk foreign key (municipality_id, plan_id) references joint_plans (municipality_id, id),
  constraint joint_plan_versions_meeting_fk foreign key (municipality_id, meeting_id) references meetings (municipality_id, id),
  constraint joint_plan_versions_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint joint_plan_versions_number_positive check (number >= 1),
  constraint joint_plan_versions_based_on check (based_on is null or based_on < number),
  constraint joint_plan_versions_reason_given check (btrim(reason) <> '')
);
comment on table joint_plan_versions is 'Immutable versions of a joint plan: who (created_by), when (created_at) and why (reason); optionally the meeting that revised it (000:677-680).';
comment on column joint_plan_versions.reason is 'Personal data: why the plan was revised.';

create table joint_plan_goals (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  version_id uuid not null,
  goal_key uuid not null,
  position integer not null,
  title text not null,
  concerns_person_id uuid,
  horizon text not null,
  specific text not null,
  measurable text not null,
  accepted text not null,
  realistic text not null,
  starts_on date not null,
  ends_on date not null,
  evaluation text not null,
  family_words text,
  professional_assessment text,
  status text not null default 'not_started',
  status_note text,
  status_meeting_id uuid,
  constraint joint_plan_goals_pk primary key (municipality_id, id),
  constraint joint_plan_goals_key_unique unique (municipality_id, version_id, goal_key),
  constraint joint_plan_goals_version_fk foreign key (municipality_id, version_id) references joint_plan_versions (municipality_id, id),
  constraint joint_plan_goals_person_fk foreign key (municipality_id, concerns_person_id) references persons (municipality_id, id),
  constraint joint_plan_goals_meeting_fk foreign key (municipality_id, status_meeting_id) references meetings (municipality_id, id),
  -- 000:793 (short- and long-term goals), 001:167-168 ("klare kort- og langsigtede mål").
  constraint joint_plan_goals_horizon_known check (horizon in ('short', 'long')),
  constraint joint_plan_goals_status_known check (status in ('not_started', 'in_progress', 'achieved', 'changed', 'dropped')),
  -- SMARTE "T": a goal ends on or after it starts (the API refuses first, naming the field).
  constraint joint_plan_goals_period check (ends_on >= starts_on)
);
comment on table joint_plan_goals is 'SMARTE goals of one plan version (000:762-790, 001:688-696); goal_key follows a goal across versions so versions can be compared.';
comment on column joint_plan_goals.title is 'Personal data: the goal, about a child or family member.';
comment on column joint_plan_goals.specific is 'Personal data (SMARTE S).';
comment on column joint_plan_goals.measurable is 'Personal data (SMARTE M).';
comment on column joint_plan_goals.accepted is 'Personal data (SMARTE A: accepted/attractive to the family, 000:764-765).';
comment on column joint_plan_goals.realistic is 'Personal data (SMARTE R).';
comment on column joint_plan_goals.evaluation is 'Personal data (SMARTE E: how and when the goal is evaluated).';
comment on column joint_plan_goals.family_words is 'Sensitive personal data: the family''s own words about the goal.';
comment on column joint_plan_goals.professional_assessment is 'Sensitive personal data: the professionals'' assessment.';
comment on column joint_plan_goals.status_note is 'Personal data: note on the status.';

-- 000:783-784: a clear owner for every goal: a family member, a staff user or a named partner without an account.
create table joint_plan_goal_owners (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  goal_id uuid not null,
  kind text not null,
  person_id uuid,
  user_id uuid,
  partner_name text,
  position integer not null,
  constraint joint_plan_goal_owners_pk primary key (municipality_id, id),
  constraint joint_plan_goal_owners_goal_fk foreign key (municipality_id, goal_id) references joint_plan_goals (municipality_id, id),
  constraint joint_plan_goal_owners_person_fk foreign key (municipality_id, person_id) references persons (municipality_id, id),
  constraint joint_plan_goal_owners_user_fk foreign key (municipality_id, user_id) references users (municipality_id, id),
  constraint joint_plan_goal_owners_kind_fields check (
    (kind = 'person' and person_id is not null and user_id is null and partner_name is null) or
    (kind = 'user' and user_id is not null and person_id is null and partner_name is null) or
    (kind = 'partner' and coalesce(btrim(partner_name), '') <> '' and person_id is null and user_id is null))
);
comment on table joint_plan_goal_owners is 'Who owns a goal (000:783-784): family member, staff user or partner.';
comment on column joint_plan_goal_owners.partner_name is 'Personal data: a partner without an account, e.g. "Lærer Ole, Demo Skole".';

create table joint_plan_goal_measures (
  municipality_id uuid not null references municipalities (id),
  goal_id uuid not null,
  measure_id uuid not null,
  constraint joint_plan_goal_measures_pk primary key (municipality_id, goal_id, measure_id),
  constraint joint_plan_goal_measures_goal_fk foreign key (municipality_id, goal_id) references joint_plan_goals (municipality_id, id),
  constraint joint_plan_goal_measures_measure_fk foreign key (municipality_id, measure_id) references measures (municipality_id, id)
);
comment on table joint_plan_goal_measures is 'The measures (§) a goal is served by.';

create table joint_plan_goal_departments (
  municipality_id uuid not null references municipalities (id),
  goal_id uuid not null,
  department_id uuid not null,
  constraint joint_plan_goal_departments_pk primary key (municipality_id, goal_id, department_id),
  constraint joint_plan_goal_departments_goal_fk foreign key (municipality_id, goal_id) references joint_plan_goals (municipality_id, id),
  constraint joint_plan_goal_departments_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id)
);
comment on table joint_plan_goal_departments is 'The departments working on a goal (the plan spans departments, 000:741-743).';

-- 000:783-784: concrete tasks with a responsible person and a deadline.
create table joint_plan_activities (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  goal_id uuid not null,
  position integer not null,
  description text not null,
  responsible_kind text not null,
  responsible_person_id uuid,
  responsible_user_id uuid,
  responsible_partner_name text,
  due_on date not null,
  done boolean not null default false,
  constraint joint_plan_activities_pk primary key (municipality_id, id),
  constraint joint_plan_activities_goal_fk foreign key (municipality_id, goal_id) references joint_plan_goals (municipality_id, id),
  constraint joint_plan_activities_person_fk foreign key (municipality_id, responsible_person_id) references persons (municipality_id, id),
  constraint joint_plan_activities_user_fk foreign key (municipality_id, responsible_user_id) references users (municipality_id, id),
  constraint joint_plan_activities_responsible_fields check (
    (responsible_kind = 'person' and responsible_person_id is not null and responsible_user_id is null and responsible_partner_name is null) or
    (responsible_kind = 'user' and responsible_user_id is not null and responsible_person_id is null and responsible_partner_name is null) or
    (responsible_kind = 'partner' and coalesce(btrim(responsible_partner_name), '') <> '' and responsible_person_id is null and responsible_user_id is null))
);
comment on table joint_plan_activities is 'Activities under a goal, each with one responsible and a deadline (000:783-784).';
comment on column joint_plan_activities.description is 'Personal data.';
comment on column joint_plan_activities.responsible_partner_name is 'Personal data: a partner without an account.';

-- Agreeing a version with the family is a fact recorded beside the version (which stays unchanged).
create table joint_plan_agreements (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  version_id uuid not null,
  agreed_on date not null,
  note text,
  recorded_by uuid not null,
  recorded_at timestamptz not null,
  constraint joint_plan_agreements_pk primary key (municipality_id, id),
  constraint joint_plan_agreements_one_per_version unique (municipality_id, version_id),
  constraint joint_plan_agreements_version_fk foreign key (municipality_id, version_id) references joint_plan_versions (municipality_id, id),
  constraint joint_plan_agreements_recorded_by_fk foreign key (municipality_id, recorded_by) references users (municipality_id, id)
);
comment on table joint_plan_agreements is 'A plan version agreed with the family (000:745-747: the family must experience it as their plan), with date and who agreed.';
comment on column joint_plan_agreements.note is 'Personal data.';

create table joint_plan_agreement_parties (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  agreement_id uuid not null,
  person_id uuid,
  user_id uuid,
  constraint joint_plan_agreement_parties_pk primary key (municipality_id, id),
  constraint joint_plan_agreement_parties_agreement_fk foreign key (municipality_id, agreement_id) references joint_plan_agreements (municipality_id, id),
  constraint joint_plan_agreement_parties_person_fk foreign key (municipality_id, person_id) references persons (municipality_id, id),
  constraint joint_plan_agreement_parties_user_fk foreign key (municipality_id, user_id) references users (municipality_id, id),
  constraint joint_plan_agreement_parties_one check ((person_id is null) <> (user_id is null))
);
comment on table joint_plan_agreement_parties is 'Who agreed a plan version: family members (persons) and staff/partners (users).';

create index joint_plan_versions_plan on joint_plan_versions (municipality_id, plan_id, number);
create index joint_plan_goals_version on joint_plan_goals (municipality_id, version_id, position);
create index joint_plan_goal_owners_goal on joint_plan_goal_owners (municipality_id, goal_id);
create index joint_plan_activities_goal on joint_plan_activities (municipality_id, goal_id, position);
create index joint_plan_agreement_parties_agreement on joint_plan_agreement_parties (municipality_id, agreement_id);

-- The child's own voice (001:160-163, 000:479-483, 004:143-148): summaries of child conversations and observations.
create table child_voice_notes (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  child_id uuid not null,
  occurred_on date not null,
  method text not null,
  summary text not null,
  meeting_id uuid,
  recorded_by uuid not null,
  recorded_at timestamptz not null,
  constraint child_voice_notes_pk primary key (municipality_id, id),
  constraint child_voice_notes_child_fk foreign key (municipality_id, child_id) references persons (municipality_id, id),
  constraint child_voice_notes_meeting_fk foreign key (municipality_id, meeting_id) references meetings (municipality_id, id),
  constraint child_voice_notes_recorded_by_fk foreign key (municipality_id, recorded_by) references users (municipality_id, id),
  -- 001:161-163: a child conversation or, whatever the child's level of function, an observation.
  constraint child_voice_notes_method_known check (method in ('conversation', 'observation')),
  constraint child_voice_notes_summary_given check (btrim(summary) <> '')
);
comment on table child_voice_notes is 'Summaries of child conversations and observations (001:160-163); the child''s own voice is heard less than the parents'' (004:143-148).';
comment on column child_voice_notes.summary is 'Sensitive personal data: what the child said or what was observed.';
create index child_voice_notes_child on child_voice_notes (municipality_id, child_id, occurred_on);

-- Dialoglinealen (000:479-483): the child places a smiley per topic; 1 (very sad) to 5 (very happy).
create table dialogue_ruler_scores (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  child_id uuid not null,
  scored_on date not null,
  topic text not null,
  score integer not null,
  comment text,
  meeting_id uuid,
  recorded_by uuid not null,
  recorded_at timestamptz not null,
  constraint dialogue_ruler_scores_pk primary key (municipality_id, id),
  constraint dialogue_ruler_scores_child_fk foreign key (municipality_id, child_id) references persons (municipality_id, id),
  constraint dialogue_ruler_scores_meeting_fk foreign key (municipality_id, meeting_id) references meetings (municipality_id, id),
  constraint dialogue_ruler_scores_recorded_by_fk foreign key (municipality_id, recorded_by) references users (municipality_id, id),
  constraint dialogue_ruler_scores_score_range check (score between 1 and 5),
  constraint dialogue_ruler_scores_topic_given check (btrim(topic) <> ''),
  constraint dialogue_ruler_scores_one_per_day unique (municipality_id, child_id, scored_on, topic)
);
comment on table dialogue_ruler_scores is 'Dialoglinealen smiley scores per topic and date (000:479-483): how the child is doing in general and in concrete parts of life.';
comment on column dialogue_ruler_scores.topic is 'Personal data: an aspect of the child''s life, e.g. "skole".';
comment on column dialogue_ruler_scores.score is 'Sensitive personal data: the child''s well-being, 1-5 smileys.';
comment on column dialogue_ruler_scores.comment is 'Sensitive personal data: what the child said.';
create index dialogue_ruler_scores_child on dialogue_ruler_scores (municipality_id, child_id, topic, scored_on);

do $$
declare t text;
begin
  foreach t in array array['joint_plans', 'joint_plan_versions', 'joint_plan_goals', 'joint_plan_goal_owners',
      'joint_plan_goal_measures', 'joint_plan_goal_departments', 'joint_plan_activities', 'joint_plan_agreements',
      'joint_plan_agreement_parties', 'child_voice_notes', 'dialogue_ruler_scores'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;

-- The head row moves (latest_version); versions, their content and agreements are written once and never changed.
grant select, insert, update on joint_plans to tovholder_app;
grant select, insert on joint_plan_versions, joint_plan_goals, joint_plan_goal_owners, joint_plan_goal_measures,
  joint_plan_goal_departments, joint_plan_activities, joint_plan_agreements, joint_plan_agreement_parties to tovholder_app;
grant select, insert on child_voice_notes, dialogue_ruler_scores to tovholder_app;

create or replace function joint_plan_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'joint plan versions are immutable: write a new version (% on %)', tg_op, tg_table_name
    using errcode = 'P0001';
end $$;

do $$
declare t text;
begin
  foreach t in array array['joint_plan_versions', 'joint_plan_goals', 'joint_plan_goal_owners', 'joint_plan_goal_measures',
      'joint_plan_goal_departments', 'joint_plan_activities', 'joint_plan_agreements', 'joint_plan_agreement_parties'] loop
    execute format('create trigger %I before update or delete on %I for each row execute function joint_plan_refuse_change()',
      t || '_immutable', t);
  end loop;
end $$;
