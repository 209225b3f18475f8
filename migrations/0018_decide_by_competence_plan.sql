-- Decisions checked against the decision-competence plan, the letter to the family, core-team proposals decided
-- unanimously and the visitation committee (issue 8 items 2-3; EFEI 000:810-881, 000:876-881, 003:68-74).
-- The rules live in src/modules/decision/rules.ts (who may grant under the plan) and src/modules/proposal/rules.ts
-- (unanimity and referral); the checks below are the database's backstop.

-- Categories the core team never decides even where the plan gives it full authority: always the committee
-- (000:876-881: "eventuelt med undtagelse af beslutninger om enkelte paragraffer, fx anbringelse").
alter table competence_plan_versions add column committee_only_categories text[] not null default array['placement']::text[];
alter table competence_plan_versions add constraint competence_plan_versions_committee_only_known check (committee_only_categories <@ array[
  'preventive', 'compensation', 'assessment', 'triage', 'support_measure', 'placement', 'financial_support']::text[]);
comment on column competence_plan_versions.committee_only_categories is 'Legal-basis categories a core-team proposal always refers to the visitation committee (placement by default, 000:876-881).';


-- The visitation committee's meetings; their agenda is the proposals referred to them (decision_proposals.committee_meeting_id).
create table committee_meetings (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  meets_on date not null,
  location text,
  note text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint committee_meetings_tenant_key unique (municipality_id, id),
  constraint committee_meetings_one_per_day unique (municipality_id, meets_on),
  constraint committee_meetings_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id)
);
comment on table committee_meetings is 'Meetings of the visitation committee (visitationsudvalg, 000:876-881); no personal data: the agenda is the referred proposals.';

-- A proposal for the core team to decide (000:876-881): voted by every current core-team member of the case.
create table decision_proposals (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  legal_basis_id text not null references legal_bases (id),
  reasoning text not null,
  amount_dkk numeric(12, 2),
  amount_period text,
  child_views_method text,
  child_views_on date,
  child_views text,
  child_views_not_obtained_reason text,
  competence_plan_version_id uuid not null,
  competence_rule_position integer not null,
  status text not null default 'voting',
  referral_reason text,
  referred_on date,
  expected_by date,
  committee_meeting_id uuid,
  decision_id uuid,
  proposed_by uuid not null,
  proposed_at timestamptz not null default now(),
  version integer not null default 1,
  constraint decision_proposals_tenant_key unique (municipality_id, id),
  constraint decision_proposals_case_key unique (municipality_id, case_id, id),
  constraint decision_proposals_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint decision_proposals_plan_fk foreign key (municipality_id, competence_plan_version_id) references competence_plan_versions (municipality_id, id),
  constraint decision_proposals_meeting_fk foreign key (municipality_id, committee_meeting_id) references committee_meetings (municipality_id, id),
  constraint decision_proposals_decision_fk foreign key (municipality_id, case_id, decision_id) references decisions (municipality_id, case_id, id),
  constraint decision_proposals_proposed_by_fk foreign key (municipality_id, proposed_by) references users (municipality_id, id),
  constraint decision_proposals_status_known check (status in ('voting', 'referred', 'granted', 'refused', 'withdrawn')),
  constraint decision_proposals_referral_reason_known check (referral_reason is null or referral_reason in ('dissent', 'excepted_category', 'over_limit')),
  constraint decision_proposals_referred check ((referral_reason is null) = (referred_on is null) and (referred_on is null) = (expected_by is null)),
  constraint decision_proposals_decided check ((status in ('granted', 'refused')) = (decision_id is not null)),
  constraint decision_proposals_reasoning_given check (btrim(reasoning) <> ''),
  constraint decision_proposals_amount_period_known check (amount_period is null or amount_period in ('month', 'year', 'once')),
  constraint decision_proposals_amount_with_period check ((amount_dkk is null) = (amount_period is null)),
  constraint decision_proposals_amount_not_negative check (amount_dkk is null or amount_dkk >= 0),
  constraint decision_proposals_child_views_or_reason check (
    (child_views_method is not null and child_views_on is not null and btrim(coalesce(child_views, '')) <> ''
      and child_views_not_obtained_reason is null)
    or (btrim(coalesce(child_views_not_obtained_reason, '')) <> ''
      and child_views_method is null and child_views_on is null and child_views is null))
);
comment on table decision_proposals is 'Core-team proposals (000:876-881): unanimity grants, one disagreement or an excepted category refers to the visitation committee.';
comment on column decision_proposals.reasoning is 'Sensitive personal data: the reasons for the proposed decision.';
comment on column decision_proposals.amount_dkk is 'Personal data: the amount proposed for the family.';
comment on column decision_proposals.child_views is 'Sensitive personal data: what the child said (Barnets Lov §5 stk. 3).';
comment on column decision_proposals.child_views_not_obtained_reason is 'Sensitive personal data: why the child''s views were not obtained (Barnets Lov §5 stk. 4).';
create index decision_proposals_case on decision_proposals (municipality_id, case_id);
create index decision_proposals_referred on decision_proposals (municipality_id, status) where status = 'referred';

create table decision_proposal_measures (
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  proposal_id uuid not null,
  measure_id uuid not null,
  constraint decision_proposal_measures_pk primary key (municipality_id, proposal_id, measure_id),
  constraint decision_proposal_measures_proposal_fk foreign key (municipality_id, case_id, proposal_id) references decision_proposals (municipality_id, case_id, id),
  constraint decision_proposal_measures_measure_fk foreign key (municipality_id, case_id, measure_id) references measures (municipality_id, case_id, id)
);
comment on table decision_proposal_measures is 'The measures a proposal is about; measures of its own case only.';

create table decision_proposal_votes (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  proposal_id uuid not null,
  voter_user_id uuid not null,
  vote text not null,
  reason text,
  voted_at timestamptz not null default now(),
  constraint decision_proposal_votes_proposal_fk foreign key (municipality_id, proposal_id) references decision_proposals (municipality_id, id),
  constraint decision_proposal_votes_voter_fk foreign key (municipality_id, voter_user_id) references users (municipality_id, id),
  -- One vote per member: the first stands (a second is answered 409).
  constraint decision_proposal_votes_one_per_voter unique (proposal_id, voter_user_id),
  constraint decision_proposal_votes_vote_known check (vote in ('agree', 'disagree')),
  constraint decision_proposal_votes_reason_when_disagree check (vote = 'agree' or btrim(coalesce(reason, '')) <> '')
);
comment on table decision_proposal_votes is 'Votes of the core-team members on a proposal; a disagreement carries its reason (the dissent sent to the committee).';
comment on column decision_proposal_votes.reason is 'Personal data: why the member disagrees (or a remark).';

-- Who decided under which rule of which plan version (null for decisions recorded before migration 0018).
alter table decisions
  add column decided_by_kind text,
  add column competence_plan_version_id uuid,
  add column competence_rule_position integer,
  add column proposal_id uuid,
  add constraint decisions_decided_by_kind_known check (decided_by_kind is null or decided_by_kind in ('role', 'department_leader', 'core_team', 'visitation_committee')),
  add constraint decisions_plan_fk foreign key (municipality_id, competence_plan_version_id) references competence_plan_versions (municipality_id, id),
  add constraint decisions_proposal_fk foreign key (municipality_id, proposal_id) references decision_proposals (municipality_id, id),
  add constraint decisions_rule_with_plan check ((competence_plan_version_id is null) = (competence_rule_position is null));
comment on column decisions.decided_by_kind is 'Under which kind of rule of the competence plan the decision was made (issue 8 item 2).';

-- The letter to the family (afgørelsesbrev), generated from the decision; a correction adds a new letter.
create table decision_letters (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  decision_id uuid not null,
  decision_version integer not null,
  body text not null,
  complaint_deadline date,
  created_at timestamptz not null default now(),
  constraint decision_letters_tenant_key unique (municipality_id, id),
  constraint decision_letters_decision_fk foreign key (municipality_id, case_id, decision_id) references decisions (municipality_id, case_id, id),
  constraint decision_letters_one_per_version unique (decision_id, decision_version)
);
comment on table decision_letters is 'Letters to the family about a decision (afgørelsesbrev); always for the family (parties), shown in the portal.';
comment on column decision_letters.body is 'Sensitive personal data: the decision, its reasoning and the child''s views as written to the family.';
create index decision_letters_case on decision_letters (municipality_id, case_id);

do $$
declare t text;
begin
  foreach t in array array['committee_meetings', 'decision_proposals', 'decision_proposal_measures', 'decision_proposal_votes', 'decision_letters'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
grant select, insert, update on committee_meetings, decision_proposals to tovholder_app;
grant select, insert on decision_proposal_measures, decision_proposal_votes, decision_letters to tovholder_app;
