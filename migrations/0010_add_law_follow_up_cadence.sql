-- Barnets Lov §95 (current-law.md, "The SOF cadence rule in both laws"): a support measure under §32 is followed up
-- for the first time within 3 months of its start; at that follow-up the municipality decides the cadence of the
-- following ones, records it with its reasons and explains it to the child and the parents. Recorded on the measure;
-- src/modules/cadence/rules.ts (lawFollowUpOf) turns it into the case's due date, the stricter of it and the SOF cadence.
alter table measures
  add column law_follow_up_months integer,
  add column law_follow_up_reasons text,
  add column law_follow_up_decided_on date,
  add column explained_to_child_on date,
  add column explained_to_parents_on date,
  add constraint measures_law_follow_up_months check (law_follow_up_months is null or law_follow_up_months between 1 and 12),
  add constraint measures_law_follow_up_complete check (
    (law_follow_up_months is null) = (law_follow_up_decided_on is null) and (law_follow_up_months is null) = (law_follow_up_reasons is null));
comment on column measures.law_follow_up_months is 'The follow-up cadence in months the municipality decided at the first follow-up of a §32 support measure (Barnets Lov §95); null until decided.';
comment on column measures.law_follow_up_reasons is 'Personal data: why that cadence was decided (Barnets Lov §95: recorded with its reasons).';
comment on column measures.law_follow_up_decided_on is 'The day the §95 cadence was decided (at the first follow-up of the measure).';
comment on column measures.explained_to_child_on is 'The day the §95 cadence was explained to the child; null when not (yet) explained.';
comment on column measures.explained_to_parents_on is 'The day the §95 cadence was explained to the parents (custody holders); null when not (yet) explained.';
