-- Decisions (afgørelser) with today's duties of Barnets Lov (issue 7 §3; current-law.md "Other rules of today's law"),
-- shaped so issue 8 (decisions as first-class records: decision-maker per the plan, the letter to the family, a measure
-- granted only through a decision) adds columns and tables next to these instead of rewriting them.
-- The rules themselves live in src/modules/decision/rules.ts; the checks below are the database's backstop.

-- Which legal bases are bounded by a yearly indexed amount (§86's threshold, §87's cap): data, not a paragraph test in
-- code. The amounts themselves are configuration per year (yearly_legal_amounts below), never constants.
alter table legal_bases
  add column yearly_amount_kind text,
  add constraint legal_bases_yearly_amount_kind_known check (yearly_amount_kind is null or yearly_amount_kind in ('bl86_threshold_per_year', 'bl87_cap_per_month'));
comment on column legal_bases.yearly_amount_kind is 'The yearly indexed amount a granted amount is checked against: BL §86 threshold per year, BL §87 cap per month (current-law.md).';
update legal_bases set yearly_amount_kind = 'bl86_threshold_per_year' where id = 'BL-86';
update legal_bases set yearly_amount_kind = 'bl87_cap_per_month' where id = 'BL-87';

-- A decision may name measures of its own case only: the join table carries the case id, and both foreign keys
-- include it, so a decision can never point at another case's measure (nor into another municipality).
alter table measures add constraint measures_case_key unique (municipality_id, case_id, id);

create table decisions (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  decided_on date not null,
  outcome text not null,
  legal_basis_id text not null references legal_bases (id),
  reasoning text not null,
  amount_dkk numeric(12, 2),
  amount_period text,
  child_views_method text,
  child_views_on date,
  child_views text,
  child_views_not_obtained_reason text,
  bisidder_told_on date,
  recorded_by uuid not null,
  recorded_at timestamptz not null default now(),
  version integer not null default 1,
  constraint decisions_tenant_key unique (municipality_id, id),
  constraint decisions_case_key unique (municipality_id, case_id, id),
  constraint decisions_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint decisions_recorded_by_fk foreign key (municipality_id, recorded_by) references users (municipality_id, id),
  constraint decisions_outcome_known check (outcome in ('granted', 'refused', 'changed', 'ended')),
  constraint decisions_reasoning_given check (btrim(reasoning) <> ''),
  constraint decisions_amount_period_known check (amount_period is null or amount_period in ('month', 'year', 'once')),
  constraint decisions_amount_with_period check ((amount_dkk is null) = (amount_period is null)),
  constraint decisions_amount_not_negative check (amount_dkk is null or amount_dkk >= 0),
  constraint decisions_child_views_method_known check (child_views_method is null
    or child_views_method in ('conversation', 'dialoglinealen', 'drawing', 'observation', 'other')),
  -- Barnets Lov §5 stk. 3-4: the child's views (method, date, what the child said) or the reason they were not obtained.
  constraint decisions_child_views_or_reason check (
    (child_views_method is not null and child_views_on is not null and btrim(coalesce(child_views, '')) <> ''
      and child_views_not_obtained_reason is null)
    or (btrim(coalesce(child_views_not_obtained_reason, '')) <> ''
      and child_views_method is null and child_views_on is null and child_views is null)),
  constraint decisions_child_views_before_decision check (child_views_on is null or child_views_on <= decided_on)
);
comment on table decisions is 'Afgørelser of a case with today''s duties: the child''s views before the decision (Barnets Lov §5), the child''s age and party status on the decision date (§3), told of the right to a bisidder (§6), amounts against the yearly §86 threshold / §87 cap (issue 7 §3).';
comment on column decisions.reasoning is 'Sensitive personal data: the reasons for the decision.';
comment on column decisions.amount_dkk is 'Personal data: the amount granted to the family, per amount_period (month, year or once).';
comment on column decisions.child_views_on is 'Personal data: when the child''s views were obtained (Barnets Lov §5 stk. 3).';
comment on column decisions.child_views is 'Sensitive personal data: what the child said or showed (Barnets Lov §5 stk. 3).';
comment on column decisions.child_views_not_obtained_reason is 'Sensitive personal data: why the child''s views were not obtained (Barnets Lov §5 stk. 4).';
comment on column decisions.bisidder_told_on is 'Personal data: the day the child was told of the right to a bisidder (Barnets Lov §6).';
create index decisions_case on decisions (municipality_id, case_id, decided_on desc);

-- Which measure(s) a decision is about (issue 8: "which measure(s)").
create table decision_measures (
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  decision_id uuid not null,
  measure_id uuid not null,
  constraint decision_measures_pk primary key (municipality_id, decision_id, measure_id),
  constraint decision_measures_decision_fk foreign key (municipality_id, case_id, decision_id) references decisions (municipality_id, case_id, id) on delete cascade,
  constraint decision_measures_measure_fk foreign key (municipality_id, case_id, measure_id) references measures (municipality_id, case_id, id)
);
comment on table decision_measures is 'The measures a decision is about; measures of the decision''s own case only (both keys carry the case).';
create index decision_measures_measure on decision_measures (municipality_id, measure_id);

-- The yearly indexed amounts (BL §86 threshold per year, §87 cap per month), per year. Kept per municipality, like
-- every table the app may write: a mistyped figure stays inside the municipality that typed it, and row-level
-- security applies as everywhere else. No figures are seeded: an administrator enters each year's amounts.
create table yearly_legal_amounts (
  municipality_id uuid not null references municipalities (id),
  year integer not null,
  kind text not null,
  amount_dkk numeric(12, 2) not null,
  note text,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint yearly_legal_amounts_pk primary key (municipality_id, year, kind),
  constraint yearly_legal_amounts_updated_by_fk foreign key (municipality_id, updated_by) references users (municipality_id, id),
  constraint yearly_legal_amounts_kind_known check (kind in ('bl86_threshold_per_year', 'bl87_cap_per_month')),
  constraint yearly_legal_amounts_year check (year between 2000 and 2100),
  constraint yearly_legal_amounts_amount_positive check (amount_dkk > 0)
);
comment on table yearly_legal_amounts is 'Yearly indexed amounts: BL §86 threshold per year and BL §87 cap per month ("configuration, never constants", current-law.md).';
comment on column yearly_legal_amounts.note is 'Where the figure comes from (e.g. the ministry''s satsregulering); no personal data.';

do $$
declare t text;
begin
  foreach t in array array['decisions', 'decision_measures', 'yearly_legal_amounts'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
-- A decision is corrected (with its version), never deleted; the measures it names are replaced as a set.
grant select, insert, update on decisions, yearly_legal_amounts to tovholder_app;
grant select, insert, delete on decision_measures to tovholder_app;
