-- The decision-competence plan (beslutningskompetenceplan), issue 8 item 1 (EFEI 000:810-881, 003:68-74): per
-- municipality, for each legal-basis category or paragraph, who may grant it, up to which amount, and which department
-- pays by default. Versioned data that leaders edit: a new version is a full copy of the rules, so the history shows
-- exactly what was in force; only the newest version is in force. The lookup lives in src/modules/competence/rules.ts.

create table competence_plan_versions (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  version_no integer not null,
  published_at timestamptz not null default now(),
  published_by uuid not null,
  note text not null,
  constraint competence_plan_versions_tenant_key unique (municipality_id, id),
  -- Two leaders publishing on the same version collide here; the second is answered 409.
  constraint competence_plan_versions_no_unique unique (municipality_id, version_no),
  constraint competence_plan_versions_no_positive check (version_no >= 1),
  constraint competence_plan_versions_note_given check (btrim(note) <> ''),
  constraint competence_plan_versions_published_by_fk foreign key (municipality_id, published_by) references users (municipality_id, id)
);
comment on table competence_plan_versions is 'Published versions of the decision-competence plan (issue 8 item 1); the highest version_no is in force.';
comment on column competence_plan_versions.note is 'What changed and why, written by the leader who published; no personal data.';

create table competence_plan_rules (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  plan_version_id uuid not null,
  position integer not null,
  legal_basis_id text references legal_bases (id),
  category text,
  decided_by text not null,
  role text,
  department_id uuid,
  max_amount_dkk numeric(12, 2),
  amount_period text,
  default_payer_department_id uuid,
  constraint competence_plan_rules_version_fk foreign key (municipality_id, plan_version_id)
    references competence_plan_versions (municipality_id, id) on delete cascade,
  constraint competence_plan_rules_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id),
  constraint competence_plan_rules_payer_fk foreign key (municipality_id, default_payer_department_id) references departments (municipality_id, id),
  constraint competence_plan_rules_position_unique unique (plan_version_id, position),
  constraint competence_plan_rules_basis_or_category check ((legal_basis_id is null) <> (category is null)),
  constraint competence_plan_rules_category_known check (category is null or category in (
    'preventive', 'compensation', 'assessment', 'triage', 'support_measure', 'placement', 'financial_support')),
  constraint competence_plan_rules_decided_by_known check (decided_by in ('role', 'department_leader', 'core_team', 'visitation_committee')),
  constraint competence_plan_rules_role_when_role check ((decided_by = 'role') = (role is not null)),
  constraint competence_plan_rules_role_known check (role is null or role in ('coordinator', 'core_team_member', 'team_leader', 'department_head')),
  constraint competence_plan_rules_department_when_leader check ((decided_by = 'department_leader') = (department_id is not null)),
  constraint competence_plan_rules_amount_with_period check ((max_amount_dkk is null) = (amount_period is null)),
  constraint competence_plan_rules_amount_period_known check (amount_period is null or amount_period in ('month', 'year')),
  constraint competence_plan_rules_amount_not_negative check (max_amount_dkk is null or max_amount_dkk >= 0)
);
-- One rule per paragraph and one per category in a version.
create unique index competence_plan_rules_basis_unique on competence_plan_rules (plan_version_id, legal_basis_id) where legal_basis_id is not null;
create unique index competence_plan_rules_category_unique on competence_plan_rules (plan_version_id, category) where category is not null;
create index competence_plan_rules_version on competence_plan_rules (municipality_id, plan_version_id, position);
comment on table competence_plan_rules is 'The rules of one version of the decision-competence plan: who may grant a paragraph or category (a role, a named department''s leader, the core team, the visitation committee), up to which amount, and the default paying department (issue 8 item 1). A paragraph rule beats a category rule.';

do $$
declare t text;
begin
  foreach t in array array['competence_plan_versions', 'competence_plan_rules'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
-- A published version is history: never changed or deleted, only followed by a newer one.
grant select, insert on competence_plan_versions, competence_plan_rules to tovholder_app;
