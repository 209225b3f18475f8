-- Indexes for the need-to-know expression (src/platform/policy/policy.ts) and "Mine familier".
-- Both ask "is this user on this case *today*": `ends_on is null or ends_on >= today` (and the same for removed_on),
-- which the partial indexes of 0002 (`where ends_on is null`) cannot serve, so PostgreSQL fell back to sequential
-- scans of case_team_members per row. Full indexes serve both the per-case check and the per-user list.
create index case_team_members_case_user on case_team_members (municipality_id, case_id, user_id);
create index case_team_members_user_all on case_team_members (municipality_id, user_id);
create index case_assignments_user_all on case_assignments (municipality_id, user_id);
drop index case_team_members_user;
drop index case_assignments_user;
