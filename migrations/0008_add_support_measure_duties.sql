-- Barnets Lov duties recorded on a measure (current-law.md, "Other rules of today's law"):
-- §32 stk. 2-3: a support measure states its purpose and expected duration and has the custody holder's consent;
-- §§91-92: whether to make barnets plan is decided and recorded (mandatory for placement, §§46/47); when made, the plan
-- is due within 3 months of that decision.
alter table measures
  add column purpose text,
  add column expected_duration text,
  add column custody_consent_on date,
  add column child_plan_decision text,
  add column child_plan_decided_on date,
  add column child_plan_reason text,
  add column child_plan_completed_on date,
  add constraint measures_child_plan_decision_known check (child_plan_decision is null or child_plan_decision in ('made', 'not_made')),
  add constraint measures_child_plan_decided check (child_plan_decision is null or child_plan_decided_on is not null);
comment on column measures.purpose is 'Personal data: the purpose of a support measure (Barnets Lov §32 stk. 2).';
comment on column measures.expected_duration is 'The expected duration of a support measure, e.g. "6 måneder" (Barnets Lov §32 stk. 2).';
comment on column measures.custody_consent_on is 'The day the custody holder consented (Barnets Lov §32 stk. 3); null for §47 placement without consent.';
comment on column measures.child_plan_decision is 'Barnets plan (§91): made or not_made; mandatory (made) for placement.';
comment on column measures.child_plan_reason is 'Personal data: why barnets plan is or is not made.';
