-- The family and case register: legal bases (reference data), families, persons, cases, assignments,
-- core-team members and measures.

-- Legal bases are data covering both laws (current-law.md): rules decide by category, never by a literal paragraph.
create table legal_bases (
  id text primary key,
  law text not null,
  paragraph text not null,
  subsection text,
  name_da text not null,
  name_en text not null,
  category text not null,
  valid_from date not null,
  valid_to date,
  replaced_by text[] not null default '{}',
  constraint legal_bases_law_known check (law in ('SEL', 'BL')),
  constraint legal_bases_category_known check (category in (
    'preventive', 'compensation', 'assessment', 'triage', 'support_measure', 'placement', 'financial_support'))
);
comment on table legal_bases is 'Paragraphs of Serviceloven (SEL) and Barnets Lov (BL) that measures are granted under (current-law.md mapping).';
grant select on legal_bases to tovholder_app;

insert into legal_bases (id, law, paragraph, subsection, name_da, name_en, category, valid_from, valid_to, replaced_by) values
  ('SEL-11', 'SEL', '11', null, 'Tidlig forebyggende indsats', 'Early preventive support', 'preventive', '1998-07-01', '2023-12-31', '{BL-30}'),
  ('SEL-41', 'SEL', '41', null, 'Dækning af merudgifter', 'Extra costs', 'compensation', '1998-07-01', '2023-12-31', '{BL-86}'),
  ('SEL-42', 'SEL', '42', null, 'Tabt arbejdsfortjeneste', 'Lost earnings', 'compensation', '1998-07-01', '2023-12-31', '{BL-87}'),
  ('SEL-44', 'SEL', '44', null, 'Personlig hjælp og afløsning (§§83, 84 og 86 for børn)', 'Personal help and relief for carers', 'compensation', '1998-07-01', '2023-12-31', '{BL-90}'),
  ('SEL-50', 'SEL', '50', null, 'Børnefaglig undersøgelse', 'Child-expert investigation', 'assessment', '1998-07-01', '2023-12-31', '{BL-20}'),
  ('SEL-52', 'SEL', '52', null, 'Foranstaltninger (støtte og anbringelse)', 'Support measures incl. placement', 'support_measure', '1998-07-01', '2023-12-31', '{BL-32,BL-46,BL-47}'),
  ('SEL-52a-1-1', 'SEL', '52a', 'stk. 1 nr. 1', 'Økonomisk støtte til forældremyndighedsindehaveren', 'Financial support to the custody holder', 'financial_support', '1998-07-01', '2023-12-31', '{BL-35-4-1}'),
  ('SEL-84', 'SEL', '84', null, 'Afløsning og aflastning', 'Relief and respite', 'compensation', '1998-07-01', '2023-12-31', '{BL-90-2}'),
  ('BL-18', 'BL', '18', null, 'Screening', 'Screening', 'triage', '2024-01-01', null, '{}'),
  ('BL-19', 'BL', '19', null, 'Afdækning', 'Preliminary assessment', 'assessment', '2024-01-01', null, '{}'),
  ('BL-20', 'BL', '20', null, 'Børnefaglig undersøgelse', 'Child-expert investigation', 'assessment', '2024-01-01', null, '{}'),
  ('BL-30', 'BL', '30', null, 'Tidligt forebyggende indsatser', 'Early preventive support', 'preventive', '2024-01-01', null, '{}'),
  ('BL-32', 'BL', '32', null, 'Støttende indsatser', 'Support measures', 'support_measure', '2024-01-01', null, '{}'),
  ('BL-35-4-1', 'BL', '35', 'stk. 4 nr. 1', 'Økonomisk støtte til forældremyndighedsindehaveren', 'Financial support to the custody holder', 'financial_support', '2024-01-01', null, '{}'),
  ('BL-46', 'BL', '46', null, 'Anbringelse med samtykke', 'Placement with consent', 'placement', '2024-01-01', null, '{}'),
  ('BL-47', 'BL', '47', null, 'Anbringelse uden samtykke', 'Placement without consent', 'placement', '2024-01-01', null, '{}'),
  ('BL-86', 'BL', '86', null, 'Dækning af nødvendige merudgifter', 'Necessary extra costs', 'compensation', '2024-01-01', null, '{}'),
  ('BL-87', 'BL', '87', null, 'Tabt arbejdsfortjeneste', 'Lost earnings', 'compensation', '2024-01-01', null, '{}'),
  ('BL-90', 'BL', '90', null, 'Hjælp efter serviceloven til børn', 'Help under the Social Services Act for children', 'compensation', '2024-01-01', null, '{}'),
  ('BL-90-2', 'BL', '90', 'nr. 2', 'Afløsning og aflastning', 'Relief and respite', 'compensation', '2024-01-01', null, '{}');

create table families (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  name text not null,
  address text,
  notes text,
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint families_tenant_key unique (municipality_id, id),
  constraint families_creator_fk foreign key (municipality_id, created_by) references users (municipality_id, id)
);
comment on table families is 'A household. The joint plan spans the whole family (000:736-760), so the family, not the case, is the unit of coordination.';
comment on column families.name is 'Personal data: household name, e.g. "Familien Holm".';
comment on column families.address is 'Personal data.';
comment on column families.notes is 'Personal data: free-text notes about the household.';

create table persons (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  first_name text not null,
  last_name text not null,
  birth_date date,
  cpr text,
  phone text,
  email text,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint persons_cpr_format check (cpr ~ '^[0-9]{10}$'),
  constraint persons_tenant_key unique (municipality_id, id)
);
comment on table persons is 'Children, parents/carers and siblings. CPR is an attribute, never a key: it can change (current-law.md).';
comment on column persons.first_name is 'Personal data.';
comment on column persons.last_name is 'Personal data.';
comment on column persons.birth_date is 'Personal data; from the CPR number when one is given.';
comment on column persons.cpr is 'Sensitive personal data: CPR number, 10 digits, optional. Never logged, never a key.';
comment on column persons.phone is 'Personal data.';
comment on column persons.email is 'Personal data.';
create index persons_cpr on persons (municipality_id, cpr) where cpr is not null;
create index persons_name on persons (municipality_id, lower(last_name), lower(first_name));

alter table users add constraint users_person_fk foreign key (municipality_id, person_id) references persons (municipality_id, id);

create table family_members (
  municipality_id uuid not null references municipalities (id),
  family_id uuid not null,
  person_id uuid not null,
  relation text not null,
  has_custody boolean not null default false,
  constraint family_members_pk primary key (municipality_id, family_id, person_id),
  constraint family_members_family_fk foreign key (municipality_id, family_id) references families (municipality_id, id) on delete cascade,
  constraint family_members_person_fk foreign key (municipality_id, person_id) references persons (municipality_id, id),
  constraint family_members_relation_known check (relation in ('child', 'parent', 'carer', 'sibling', 'other'))
);
comment on table family_members is 'Who belongs to a household and how; a person may belong to two households (separated parents).';
create index family_members_person on family_members (municipality_id, person_id);

create table cases (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  family_id uuid not null,
  child_id uuid not null,
  case_number text not null,
  model text not null,
  status text not null default 'open',
  status_reason text,
  opened_on date not null,
  closed_on date,
  responsible_department_id uuid not null,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint cases_tenant_key unique (municipality_id, id),
  constraint cases_number_unique unique (municipality_id, case_number),
  constraint cases_family_fk foreign key (municipality_id, family_id) references families (municipality_id, id),
  constraint cases_child_fk foreign key (municipality_id, child_id) references persons (municipality_id, id),
  constraint cases_department_fk foreign key (municipality_id, responsible_department_id) references departments (municipality_id, id),
  constraint cases_model_known check (model in ('efei', 'sof')),
  constraint cases_status_known check (status in ('open', 'in_operation', 'ordinary_operation', 'closed')),
  constraint cases_closed_has_date check ((status = 'closed') = (closed_on is not null))
);
comment on table cases is 'One case per child, run under EFEI (Én familie – én indgang) or SOF (Sammen om familien).';
comment on column cases.status_reason is 'Personal data: why the case moved to ordinary operation or was closed.';
create unique index cases_one_open_per_child on cases (municipality_id, child_id) where status <> 'closed';
create index cases_family on cases (municipality_id, family_id);

create table case_assignments (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  user_id uuid not null,
  role text not null,
  starts_on date not null,
  ends_on date,
  created_at timestamptz not null default now(),
  constraint case_assignments_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint case_assignments_user_fk foreign key (municipality_id, user_id) references users (municipality_id, id),
  constraint case_assignments_role_known check (role in ('family_coordinator', 'primary_caseworker', 'buddy', 'caseworker')),
  constraint case_assignments_period check (ends_on is null or ends_on >= starts_on)
);
comment on table case_assignments is 'Who is responsible: the EFEI family coordinator (000:97-99) or SOF primary caseworker (001:160-187), a buddy (makker, 001:182-187), the child''s caseworker with authority (000:556-561).';
create unique index case_assignments_one_lead on case_assignments (municipality_id, case_id)
  where ends_on is null and role in ('family_coordinator', 'primary_caseworker');
create index case_assignments_user on case_assignments (municipality_id, user_id) where ends_on is null;
create index case_assignments_case on case_assignments (municipality_id, case_id);

create table case_team_members (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  user_id uuid not null,
  team_role text not null default 'member',
  added_on date not null,
  removed_on date,
  created_at timestamptz not null default now(),
  constraint case_team_members_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint case_team_members_user_fk foreign key (municipality_id, user_id) references users (municipality_id, id)
);
comment on table case_team_members is 'The case''s core team (kerneteam, 000:563-603) and partners taking part; membership grants need-to-know access.';
create unique index case_team_members_active on case_team_members (municipality_id, case_id, user_id) where removed_on is null;
create index case_team_members_user on case_team_members (municipality_id, user_id) where removed_on is null;

create table measures (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  legal_basis_id text not null references legal_bases (id),
  department_id uuid not null,
  description text not null,
  starts_on date not null,
  ends_on date,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint measures_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint measures_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id),
  constraint measures_period check (ends_on is null or ends_on >= starts_on)
);
comment on table measures is 'Ydelser/foranstaltninger (today: indsatser) with their legal basis; a case carries the §§ of its measures.';
comment on column measures.description is 'Personal data: what the child or family receives.';
create index measures_case on measures (municipality_id, case_id);

do $$
declare t text;
begin
  foreach t in array array['families', 'persons', 'family_members', 'cases', 'case_assignments', 'case_team_members', 'measures'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to tovholder_app', t);
  end loop;
end $$;

-- Case numbers are allocated per municipality and year without gaps caused by concurrent inserts racing.
create table case_number_counters (
  municipality_id uuid not null references municipalities (id),
  year integer not null,
  last_number integer not null default 0,
  constraint case_number_counters_pk primary key (municipality_id, year)
);
alter table case_number_counters enable row level security;
alter table case_number_counters force row level security;
create policy tenant_isolation on case_number_counters to tovholder_app
  using (municipality_id = app_tenant()) with check (municipality_id = app_tenant());
grant select, insert, update on case_number_counters to tovholder_app;
