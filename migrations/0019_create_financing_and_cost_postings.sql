-- Shared financing (fælles finansiering) and cost postings, issue 8 items 4-6 (EFEI 000:810-881, principle 2 "fælles
-- økonomisk refleksion": which departments are the rightful sources of financing for each measure, 000:860-870), and the
-- expense analysis of the evaluation (004 ch. 6, BILAG 3; evaluation.md §5). Money is integer øre (bigint) everywhere.
-- The rules live in src/modules/financing/rules.ts (split, periods) and src/modules/cost-report (postings, reports).

-- The evaluation's expense categories (evaluation.md §5.2, 004:2783-2909) as data on each legal basis, so the reports
-- never test a paragraph in code: preventive incl. relief/respite (SEL §11, §84 via §44; BL §30, §90), placements
-- (BL §§46-47), extra costs (SEL §41, BL §86), lost earnings (SEL §42, BL §87); the rest is 'other'.
-- 'coordinator_salary' is never a basis's category: it is posted by hand (004:2745, 004:2757-2761).
alter table legal_bases
  add column expense_category text not null default 'other',
  add constraint legal_bases_expense_category_known check (expense_category in (
    'preventive', 'placement', 'extra_costs', 'lost_earnings', 'coordinator_salary', 'other'));
comment on column legal_bases.expense_category is 'The evaluation''s expense category of measures granted under this basis (evaluation.md §5.2; 004:2783-2909).';
update legal_bases set expense_category = 'preventive' where id in ('SEL-11', 'SEL-44', 'SEL-84', 'BL-30', 'BL-90', 'BL-90-2');
update legal_bases set expense_category = 'placement' where id in ('BL-46', 'BL-47');
update legal_bases set expense_category = 'extra_costs' where id in ('SEL-41', 'BL-86');
update legal_bases set expense_category = 'lost_earnings' where id in ('SEL-42', 'BL-87');

-- One version of a measure's cost split. Every change (a new split, agreeing, disputing) is a new version with who,
-- when and why; the newest version is the split in force. Append-only.
create table measure_financing_versions (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  measure_id uuid not null,
  version_no integer not null,
  status text not null,
  reason text not null,
  dispute_reason text,
  created_by uuid,
  created_at timestamptz not null default now(),
  constraint measure_financing_versions_tenant_key unique (municipality_id, id),
  -- Two people changing the same version collide here; the second is answered 409.
  constraint measure_financing_versions_no_unique unique (municipality_id, measure_id, version_no),
  constraint measure_financing_versions_measure_fk foreign key (municipality_id, case_id, measure_id) references measures (municipality_id, case_id, id),
  constraint measure_financing_versions_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint measure_financing_versions_no_positive check (version_no >= 1),
  constraint measure_financing_versions_status_known check (status in ('proposed', 'agreed', 'disputed')),
  constraint measure_financing_versions_reason_given check (btrim(reason) <> ''),
  constraint measure_financing_versions_dispute_reason check ((status = 'disputed') = (btrim(coalesce(dispute_reason, '')) <> ''))
);
comment on table measure_financing_versions is 'Versions of a granted measure''s shared financing (fælles finansiering, 000:860-870; issue 8 item 4): proposed from the plan''s default payer, agreed or disputed in the core team; the highest version_no is in force.';
comment on column measure_financing_versions.reason is 'Why the split was changed, agreed or disputed; written by staff, may describe the case (personal data).';
comment on column measure_financing_versions.dispute_reason is 'Personal data: why a department disputes the split.';
create index measure_financing_versions_measure on measure_financing_versions (municipality_id, measure_id, version_no desc);

create table measure_financing_shares (
  municipality_id uuid not null references municipalities (id),
  version_id uuid not null,
  department_id uuid not null,
  valid_from date not null,
  valid_to date,
  share_bp integer not null,
  constraint measure_financing_shares_pk primary key (municipality_id, version_id, valid_from, department_id),
  constraint measure_financing_shares_version_fk foreign key (municipality_id, version_id) references measure_financing_versions (municipality_id, id) on delete cascade,
  constraint measure_financing_shares_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id),
  constraint measure_financing_shares_bp check (share_bp between 1 and 10000),
  constraint measure_financing_shares_from_month check (extract(day from valid_from) = 1),
  constraint measure_financing_shares_period check (valid_to is null or valid_to >= valid_from)
);
comment on table measure_financing_shares is 'The shares of one financing version: per period (whole months), each department''s share in basis points; the shares of a period sum to 10000 (financing/rules.ts).';

-- Monthly cost postings: derived from granted decisions × the split in force (source 'decision', recomputed by the
-- idempotent posting run of a month), or entered by a controller/leader (source 'manual', e.g. coordinator salary).
create table cost_postings (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  measure_id uuid,
  decision_id uuid,
  month date not null,
  department_id uuid not null,
  expense_category text not null,
  amount_ore bigint not null,
  source text not null,
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  constraint cost_postings_tenant_key unique (municipality_id, id),
  constraint cost_postings_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint cost_postings_measure_fk foreign key (municipality_id, case_id, measure_id) references measures (municipality_id, case_id, id),
  constraint cost_postings_decision_fk foreign key (municipality_id, case_id, decision_id) references decisions (municipality_id, case_id, id),
  constraint cost_postings_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id),
  constraint cost_postings_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint cost_postings_month_first check (extract(day from month) = 1),
  constraint cost_postings_category_known check (expense_category in ('preventive', 'placement', 'extra_costs', 'lost_earnings', 'coordinator_salary', 'other')),
  constraint cost_postings_source_known check (source in ('decision', 'manual')),
  constraint cost_postings_decision_source check ((source = 'decision') = (decision_id is not null)),
  constraint cost_postings_manual_note check (source = 'decision' or btrim(coalesce(note, '')) <> '')
);
comment on table cost_postings is 'Monthly costs per case, measure and paying department in øre (issue 8 items 4-5): from granted decisions × the financing split (source decision) or entered by hand (source manual).';
comment on column cost_postings.amount_ore is 'Personal data: money spent on the family''s measures, in øre.';
comment on column cost_postings.note is 'What a manual posting is for (e.g. the coordinator''s salary share); may describe the case (personal data).';
-- The reports sum a municipality's months: the covering index lets them read the index alone (bench/costs.ts).
create index cost_postings_month on cost_postings (municipality_id, month) include (department_id, expense_category, amount_ore, case_id);
create index cost_postings_case on cost_postings (municipality_id, case_id, month);
create index cost_postings_run on cost_postings (municipality_id, month, source);

-- Monthly totals per paying department and category, kept by the database itself from cost_postings (statement
-- triggers with transition tables, in the same transaction as the postings), so the department, category, month and
-- quarter reports read a few hundred rows instead of every posting (bench/costs.ts: 100k cases). Derived data: the
-- postings stay the source; a total can always be recomputed from them.
create table cost_posting_totals (
  municipality_id uuid not null references municipalities (id),
  month date not null,
  department_id uuid not null,
  expense_category text not null,
  amount_ore bigint not null,
  postings integer not null,
  constraint cost_posting_totals_pk primary key (municipality_id, month, department_id, expense_category),
  constraint cost_posting_totals_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id)
);
comment on table cost_posting_totals is 'Sums of cost_postings per municipality, month, paying department and expense category, maintained by triggers on cost_postings (no personal data: no case).';

create function cost_posting_totals_apply() returns trigger language plpgsql as $fn$
begin
  if tg_op in ('DELETE', 'UPDATE') then
    update cost_posting_totals t set amount_ore = t.amount_ore - d.amount_ore, postings = t.postings - d.postings
      from (select municipality_id, month, department_id, expense_category, sum(amount_ore)::bigint as amount_ore, count(*)::int as postings
              from old_rows group by 1, 2, 3, 4) d
     where t.municipality_id = d.municipality_id and t.month = d.month and t.department_id = d.department_id and t.expense_category = d.expense_category;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into cost_posting_totals (municipality_id, month, department_id, expense_category, amount_ore, postings)
    select municipality_id, month, department_id, expense_category, sum(amount_ore)::bigint, count(*)::int from new_rows group by 1, 2, 3, 4
    on conflict (municipality_id, month, department_id, expense_category) do update
      set amount_ore = cost_posting_totals.amount_ore + excluded.amount_ore, postings = cost_posting_totals.postings + excluded.postings;
  end if;
  return null;
end $fn$;
create trigger cost_postings_totals_insert after insert on cost_postings referencing new table as new_rows for each statement execute function cost_posting_totals_apply();
create trigger cost_postings_totals_delete after delete on cost_postings referencing old table as old_rows for each statement execute function cost_posting_totals_apply();
create trigger cost_postings_totals_update after update on cost_postings referencing old table as old_rows new table as new_rows for each statement execute function cost_posting_totals_apply();

do $$
declare t text;
begin
  foreach t in array array['measure_financing_versions', 'measure_financing_shares', 'cost_postings', 'cost_posting_totals'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
-- A financing version is history: never changed, only followed by a newer one. The posting run replaces a month's
-- decision postings (delete + insert); manual postings are entered, never changed.
grant select, insert on measure_financing_versions, measure_financing_shares to tovholder_app;
grant select, insert, delete on cost_postings to tovholder_app;
-- Kept by the triggers above, which run as the app role.
grant select, insert, update on cost_posting_totals to tovholder_app;
