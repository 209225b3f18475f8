-- Follow-up compliance kept per case (issue 9 items 2 and 8; the bench target "dashboards at 100k cases, p50 under
-- 100 ms on PostgreSQL"). The leader dashboard used to rebuild a year of every case's follow-up history per request
-- (~320 ms for a 5,000-case department). Now each case's episodes — due date, held date, outcome, lead — are stored
-- once computed, and recomputed only for the cases whose sources changed or whose time has come.
--
-- Derived data: the sources stay contact_log, meetings, measures, case_assignments, cases and the municipality's
-- settings; the rules stay in src (leadership/compliance.ts asks cadence/rules.ts followUpPlan). Nothing here computes a
-- due date. The database only keeps the bookkeeping of *which* cases must be recomputed, in the same transaction as
-- the change (statement triggers with transition tables, like cost_posting_totals in 0019).

-- One row per case whose episodes were computed or marked. `marked` counts changes to the case's sources; `computed`
-- is the value of `marked` the stored episodes were computed from (a change committed while they were being computed
-- leaves marked > computed, so the case is recomputed next time: no lost update, whatever the interleaving). A
-- recomputation locks the rows it recomputes and skips those a writer holds (`for update skip locked`), so it never
-- waits on a writer and the two cannot deadlock.
-- `valid_until` is the first day on which time alone changes the result (a measure starting or ending, an assignment
-- starting or ending, a dated follow-up becoming the past, an open due date passing); null: none ahead.
create table follow_up_episode_state (
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  marked bigint not null default 0,
  computed bigint,
  computed_on date,
  valid_until date,
  -- The department the stored episodes are filed under (a case moved to another department is recomputed from there).
  department_id uuid,
  -- The case's responsible department now, kept by the trigger on cases, so a department's bookkeeping is read from
  -- this table's own index (no join with cases: PostgreSQL misestimates a large department and probes row by row).
  case_department_id uuid not null,
  -- The case's complexity as of computed_on (leadership/rules.ts isComplex: a buddy, or measures of two or more
  -- departments), read by the caseload weights; valid until valid_until like the episodes.
  complex boolean,
  constraint follow_up_episode_state_pk primary key (municipality_id, case_id),
  constraint follow_up_episode_state_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id)
);
create index follow_up_episode_state_case_department on follow_up_episode_state (municipality_id, case_department_id);
create index follow_up_episode_state_filed on follow_up_episode_state (municipality_id, department_id) where marked > computed;
comment on table follow_up_episode_state is 'Bookkeeping for follow_up_episodes: which cases must be recomputed (marked by triggers on the sources, issue 9). No personal data.';

-- A case's episodes: each due date of its follow-up cadence since the case opened, when (if) it was held, the outcome
-- (leadership/rules.ts episodeOutcome) and the lead on the due date. The open due date has held_on null.
create table follow_up_episodes (
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  department_id uuid not null,
  due_on date not null,
  held_on date,
  outcome text not null,
  lead_user_id uuid,
  case_closed_on date,
  constraint follow_up_episodes_outcome_known check (outcome in ('on_time', 'late', 'overdue', 'pending')),
  constraint follow_up_episodes_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint follow_up_episodes_department_fk foreign key (municipality_id, department_id) references departments (municipality_id, id)
);
-- The dashboard's figures read a department's episodes from the index alone.
create index follow_up_episodes_department on follow_up_episodes (municipality_id, department_id, due_on)
  include (held_on, outcome, lead_user_id, case_closed_on, case_id);
create index follow_up_episodes_case on follow_up_episodes (municipality_id, case_id);
comment on table follow_up_episodes is 'Each case''s follow-up due dates with held date, outcome and lead, computed by src/modules/leadership from the cadence rules (issue 9). Derived: recomputable from the sources.';

-- Marks the cases a statement touched. tg_argv[0] names the column holding the case id.
create function follow_up_episodes_mark() returns trigger language plpgsql as $fn$
declare
  touched text;
begin
  touched := case tg_op
    when 'INSERT' then format('select municipality_id, %I as case_id from new_rows', tg_argv[0])
    when 'DELETE' then format('select municipality_id, %I as case_id from old_rows', tg_argv[0])
    else format('select municipality_id, %1$I as case_id from new_rows union select municipality_id, %1$I from old_rows', tg_argv[0]) end;
  -- Every case has its row (made with the case, below), so marking is an update.
  execute format('update follow_up_episode_state s set marked = s.marked + 1
    from (select distinct municipality_id, case_id from (%s) touched where case_id is not null) t
    where s.municipality_id = t.municipality_id and s.case_id = t.case_id', touched);
  return null;
end $fn$;

do $$
declare
  source record;
begin
  for source in select * from (values ('contact_log', 'case_id'), ('meetings', 'case_id'), ('measures', 'case_id'),
                                      ('case_assignments', 'case_id')) s (tbl, col) loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function follow_up_episodes_mark(%L)',
                   source.tbl || '_mark_episodes_insert', source.tbl, source.col);
    execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows for each statement execute function follow_up_episodes_mark(%L)',
                   source.tbl || '_mark_episodes_update', source.tbl, source.col);
    execute format('create trigger %I after delete on %I referencing old table as old_rows for each statement execute function follow_up_episodes_mark(%L)',
                   source.tbl || '_mark_episodes_delete', source.tbl, source.col);
  end loop;
end $$;

-- A new or changed case: its row, marked, with its responsible department now. (Cases are never deleted: closed instead.)
create function follow_up_episodes_mark_cases() returns trigger language plpgsql as $fn$
begin
  insert into follow_up_episode_state (municipality_id, case_id, marked, case_department_id)
  select municipality_id, id, 1, responsible_department_id from new_rows
  on conflict (municipality_id, case_id) do update
    set marked = follow_up_episode_state.marked + 1, case_department_id = excluded.case_department_id;
  return null;
end $fn$;
create trigger cases_mark_episodes_insert after insert on cases referencing new table as new_rows
  for each statement execute function follow_up_episodes_mark_cases();
create trigger cases_mark_episodes_update after update on cases referencing old table as old_rows new table as new_rows
  for each statement execute function follow_up_episodes_mark_cases();

-- Every case has its row from the start (the trigger on cases adds new ones), so marking and recomputing only ever
-- update rows: a recomputation locks the rows it recomputes (episodes.ts: `for update skip locked`), never waiting on a writer.
insert into follow_up_episode_state (municipality_id, case_id, marked, case_department_id)
  select municipality_id, id, 1, responsible_department_id from cases;

-- The municipality's time settings (cadences) change every case's due dates.
create function follow_up_episodes_mark_municipality() returns trigger language plpgsql as $fn$
begin
  update follow_up_episode_state set marked = marked + 1 where municipality_id = new.id;
  return null;
end $fn$;
create trigger municipalities_mark_episodes after update of settings on municipalities
  for each row when (old.settings is distinct from new.settings) execute function follow_up_episodes_mark_municipality();

do $$
declare t text;
begin
  foreach t in array array['follow_up_episode_state', 'follow_up_episodes'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
-- Marked by the triggers above (which run as the app role) and recomputed by the dashboard (delete + insert per case).
grant select, insert, update on follow_up_episode_state to tovholder_app;
grant select, insert, delete on follow_up_episodes to tovholder_app;
