-- Issue 5 item 2: every piece of case information that could be shown outside staff is classified, and nothing
-- classified 'internal' ever reaches the family portal (a matrix test proves it for every portal endpoint,
-- test/portal-classification.test.ts).
--
-- The classification is a lattice of three audiences, each a superset of the one before:
--   internal  - staff with need-to-know only (the default for anything written about the family);
--   family    - also the family: the child's parents and carers with custody, in the portal;
--   partners  - also the external partners taking part (school, daycare, …) where the family consents (0015).
-- Nothing is shared with partners that the family cannot see (family-centred, 000:460-461: one shared tool for the
-- family and the partners), so 'partners' implies 'family'. Which column defaults to what, and why, is in
-- docs/glossary.md ("Deles med").

-- A meeting's appointment (time, type, place, who takes part): the family's own appointment unless it is an analysis
-- meeting, which is held without the family (000:685-686). The title is a staff label and never leaves staff.
alter table meetings add column visibility text not null default 'internal',
  add constraint meetings_visibility_known check (visibility in ('internal', 'family', 'partners'));
update meetings set visibility = 'family' where type <> 'analysis_meeting';
comment on column meetings.visibility is 'Issue 5 item 2: who beyond staff sees the appointment (time, type, place, participants): internal, family, partners.';

-- The free-text minutes (referat) of a meeting are internal until staff share them.
alter table meetings add column minutes_visibility text not null default 'internal',
  add constraint meetings_minutes_visibility_known check (minutes_visibility in ('internal', 'family', 'partners'));
comment on column meetings.minutes_visibility is 'Issue 5 item 2: who beyond staff reads the minutes text: internal, family, partners.';

alter table meeting_agenda_points add column visibility text not null default 'internal',
  add constraint meeting_agenda_points_visibility_known check (visibility in ('internal', 'family', 'partners'));
comment on column meeting_agenda_points.visibility is 'Issue 5 item 2: who beyond staff reads the point in the shared minutes.';

alter table meeting_decisions add column visibility text not null default 'internal',
  add constraint meeting_decisions_visibility_known check (visibility in ('internal', 'family', 'partners'));
comment on column meeting_decisions.visibility is 'Issue 5 item 2: who beyond staff reads the decision.';

-- An agreement a family member owns is theirs to keep (001:395-400): shared with the family; the command sets the
-- same default for new ones. Agreements owned by staff or partners stay internal until shared.
alter table meeting_agreements add column visibility text not null default 'internal',
  add constraint meeting_agreements_visibility_known check (visibility in ('internal', 'family', 'partners'));
update meeting_agreements set visibility = 'family' where owner_person_id is not null;
comment on column meeting_agreements.visibility is 'Issue 5 item 2: who beyond staff sees the agreement.';

-- The joint plan is the family's own plan (000:745-747: the family must experience it as theirs): its goals are shared
-- with the family unless staff mark one internal. Versions are immutable, so each version's goal row carries it.
alter table joint_plan_goals add column visibility text not null default 'family',
  add constraint joint_plan_goals_visibility_known check (visibility in ('internal', 'family', 'partners'));
comment on column joint_plan_goals.visibility is 'Issue 5 item 2: who beyond staff sees the goal with its owners and activities.';

-- The annual wheel is planned with the family (001:851-884): its activities are shared with the family unless marked.
alter table annual_wheel_activities add column visibility text not null default 'family',
  add constraint annual_wheel_activities_visibility_known check (visibility in ('internal', 'family', 'partners'));
comment on column annual_wheel_activities.visibility is 'Issue 5 item 2: who beyond staff sees the planned activity and its title.';

-- The family's one contact person says when they can be reached (004:2118-2137: families gain most when they know
-- their one contact). Shown in the portal with name, phone and e-mail.
alter table users add column reachable_hours text;
comment on column users.reachable_hours is 'When the staff member can be reached, e.g. "Man-tor 9-12"; shown to the families they are contact person for.';
