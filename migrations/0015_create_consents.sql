-- Issue 5 items 3 and 4: the family gives or withdraws consent to share information with named departments and
-- partners, and consent governs what an external partner (school, daycare, PPR, …) may see. A partner organisation
-- is a `departments` row (migration 0001: "municipal departments and external partner organisations"), and an
-- external partner user belongs to it through users.department_id, so the recipient of a consent is a department:
-- one key for municipal departments and partner organisations alike, which a partner user is matched to directly.

create table consents (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  family_id uuid not null,
  department_id uuid not null,
  scope text not null default 'coordination',
  given_on date not null,
  given_by_person_id uuid not null,
  source text not null,
  recorded_by_user_id uuid,
  created_at timestamptz not null,
  withdrawn_at timestamptz,
  withdrawn_by_person_id uuid,
  withdrawn_by_user_id uuid,
  version integer not null default 1,
  constraint consents_pk primary key (municipality_id, id),
  constraint consents_family_fk foreign key (municipality_id, family_id) references families (municipality_id, id),
  constraint consents_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id),
  constraint consents_given_by_fk foreign key (municipality_id, given_by_person_id) references persons (municipality_id, id),
  constraint consents_recorded_by_fk foreign key (municipality_id, recorded_by_user_id) references users (municipality_id, id),
  constraint consents_withdrawn_by_person_fk foreign key (municipality_id, withdrawn_by_person_id) references persons (municipality_id, id),
  constraint consents_withdrawn_by_user_fk foreign key (municipality_id, withdrawn_by_user_id) references users (municipality_id, id),
  -- What may be shared. 'coordination': the recipient's own goals and agreements, meeting times and the minutes
  -- classified for partners (issue 5 item 4). Further scopes are new values here, never free text.
  constraint consents_scope_known check (scope in ('coordination')),
  -- Given by the parent in the portal, or on paper and recorded by staff (who is then named).
  constraint consents_source_known check (source in ('portal', 'paper')),
  constraint consents_paper_recorded_by check (source <> 'paper' or recorded_by_user_id is not null),
  -- A withdrawal names who withdrew: the parent in the portal or a staff member recording it.
  constraint consents_withdrawn_by check (withdrawn_at is null or (withdrawn_by_person_id is not null) <> (withdrawn_by_user_id is not null))
);
comment on table consents is 'Issue 5 items 3-4: a family''s consent to share information with a department or partner organisation; history is kept (withdrawal sets withdrawn_at, rows are never deleted). An external partner sees a family only while a consent for their organisation is in force (src/platform/policy/policy.ts).';
comment on column consents.given_by_person_id is 'Personal data: the parent or carer with custody who gave the consent.';
comment on column consents.withdrawn_by_person_id is 'Personal data: the parent or carer who withdrew the consent.';
-- One consent in force per family and recipient: giving it again while in force is a 409.
create unique index consents_one_in_force on consents (municipality_id, family_id, department_id) where withdrawn_at is null;
create index consents_department on consents (municipality_id, department_id, family_id) where withdrawn_at is null;

-- Notes an external partner adds to a case they have access to (issue 5 item 4: "They can … add notes").
create table partner_notes (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  author_user_id uuid not null,
  department_id uuid,
  text text not null,
  created_at timestamptz not null,
  constraint partner_notes_pk primary key (municipality_id, id),
  constraint partner_notes_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint partner_notes_author_fk foreign key (municipality_id, author_user_id) references users (municipality_id, id),
  constraint partner_notes_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id),
  constraint partner_notes_text_given check (btrim(text) <> '')
);
comment on table partner_notes is 'Issue 5 item 4: notes an external partner adds to a case (append-only for the app).';
comment on column partner_notes.text is 'Personal data: what the partner wrote about the child or family.';
create index partner_notes_case on partner_notes (municipality_id, case_id, created_at);

do $$
declare t text;
begin
  foreach t in array array['consents', 'partner_notes'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
-- History is kept: consents are given and withdrawn (an update), never deleted; notes are append-only.
grant select, insert, update on consents to tovholder_app;
grant select, insert on partner_notes to tovholder_app;

-- The partner's own families (src/modules/partner): cases where the user takes part in a meeting, by user.
create index meeting_participants_by_user on meeting_participants (municipality_id, user_id) where user_id is not null;
