-- Evaluation built in (issue 10): the parent and staff surveys of the national evaluation (004:3037-4453, digest
-- shared/domain/evaluation.md), as versioned data per municipality; waves (baseline / midway / end, or continuous);
-- invitations that know who was asked; responses that do not. The rules live in src/modules/survey/rules.ts and the
-- analysis in src/modules/survey-analysis.

create table survey_instrument_versions (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  instrument text not null,
  version_no integer not null,
  published_at timestamptz not null default now(),
  -- Null for version 1, which is the national instrument copied from the evaluation (not a user's work).
  published_by uuid,
  note text not null,
  constraint survey_instrument_versions_tenant_key unique (municipality_id, id),
  constraint survey_instrument_versions_no_unique unique (municipality_id, instrument, version_no),
  constraint survey_instrument_versions_instrument_known check (instrument in ('parent', 'staff')),
  constraint survey_instrument_versions_no_positive check (version_no >= 1),
  constraint survey_instrument_versions_note_given check (btrim(note) <> ''),
  constraint survey_instrument_versions_published_by_fk foreign key (municipality_id, published_by) references users (municipality_id, id)
);
comment on table survey_instrument_versions is 'Versions of the parent (6 themes, 26 items, 004:3037-3840) and staff (8 themes, 40 items, 004:3841-4453) surveys per municipality; a new version adds the municipality''s own items, never changes a released one.';

create table survey_items (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  version_id uuid not null,
  item_key text not null,
  position integer not null,
  theme_key text not null,
  theme_title_da text not null,
  theme_title_en text not null,
  kind text not null default 'scale',
  text_da text not null,
  text_en text not null,
  origin text not null,
  source text,
  constraint survey_items_tenant_key unique (municipality_id, id),
  constraint survey_items_version_fk foreign key (municipality_id, version_id) references survey_instrument_versions (municipality_id, id),
  constraint survey_items_key_unique unique (version_id, item_key),
  constraint survey_items_position_unique unique (version_id, position),
  constraint survey_items_kind_known check (kind in ('scale', 'free_text')),
  constraint survey_items_origin_known check (origin in ('national', 'municipal')),
  constraint survey_items_text_given check (btrim(text_da) <> '' and btrim(text_en) <> '')
);
create index survey_items_version on survey_items (municipality_id, version_id, position);
comment on table survey_items is 'The items of an instrument version (Danish text verbatim from 004 and an English gloss); released items are never changed (trigger survey_items_frozen, no update grant).';

-- A released item's text never changes: no update or delete at all, and an item key re-used in a later version must
-- carry the same text and theme as before (issue 10 item 1).
create function survey_items_frozen() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    raise exception 'survey items are released and cannot be changed (item %)', old.item_key using errcode = 'P0001';
  end if;
  if exists (
    select 1 from survey_items i
      join survey_instrument_versions v on v.municipality_id = i.municipality_id and v.id = i.version_id
      join survey_instrument_versions nv on nv.municipality_id = new.municipality_id and nv.id = new.version_id
     where i.municipality_id = new.municipality_id and v.instrument = nv.instrument and i.item_key = new.item_key
       and (i.text_da <> new.text_da or i.text_en <> new.text_en or i.kind <> new.kind or i.theme_key <> new.theme_key)) then
    raise exception 'survey item % was released with another text', new.item_key using errcode = 'P0001';
  end if;
  return new;
end $$;
create trigger survey_items_frozen before insert or update or delete on survey_items for each row execute function survey_items_frozen();

create table survey_waves (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  instrument text not null,
  model text not null,
  series text not null,
  phase text not null,
  mode text not null,
  instrument_version_id uuid not null,
  opens_on date not null,
  closes_on date,
  closed_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint survey_waves_tenant_key unique (municipality_id, id),
  constraint survey_waves_version_fk foreign key (municipality_id, instrument_version_id) references survey_instrument_versions (municipality_id, id),
  constraint survey_waves_created_by_fk foreign key (municipality_id, created_by) references users (municipality_id, id),
  constraint survey_waves_phase_unique unique (municipality_id, instrument, model, series, phase),
  constraint survey_waves_instrument_known check (instrument in ('parent', 'staff')),
  constraint survey_waves_model_known check (model in ('efei', 'sof')),
  constraint survey_waves_phase_known check (phase in ('baseline', 'midway', 'end')),
  constraint survey_waves_mode_known check (mode in ('fixed', 'continuous')),
  constraint survey_waves_continuous_parents check (mode = 'fixed' or instrument = 'parent'),
  constraint survey_waves_series_given check (btrim(series) <> ''),
  constraint survey_waves_dates_ordered check (closes_on is null or closes_on >= opens_on)
);
comment on table survey_waves is 'A measurement of an instrument for one model: baseline, midway or end of a series (004:71-73), or the three points of the continuous mode (case start, 6 months, case end).';

create table survey_invitations (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  wave_id uuid not null,
  person_id uuid,
  user_id uuid,
  case_id uuid,
  channel text not null,
  token_hash text,
  invited_at timestamptz not null,
  last_reminded_at timestamptz,
  -- Whether this person answered; the answer itself is in survey_responses with nothing that leads back here.
  responded boolean not null default false,
  constraint survey_invitations_tenant_key unique (municipality_id, id),
  constraint survey_invitations_wave_fk foreign key (municipality_id, wave_id) references survey_waves (municipality_id, id),
  constraint survey_invitations_person_fk foreign key (municipality_id, person_id) references persons (municipality_id, id),
  constraint survey_invitations_user_fk foreign key (municipality_id, user_id) references users (municipality_id, id),
  constraint survey_invitations_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint survey_invitations_one_respondent check ((person_id is null) <> (user_id is null)),
  constraint survey_invitations_channel_known check (channel in ('portal', 'link', 'app')),
  constraint survey_invitations_link_has_token check ((channel = 'link') = (token_hash is not null)),
  constraint survey_invitations_token_unique unique (token_hash)
);
create unique index survey_invitations_person_unique on survey_invitations (wave_id, person_id) where person_id is not null;
create unique index survey_invitations_user_unique on survey_invitations (wave_id, user_id) where user_id is not null;
create index survey_invitations_person on survey_invitations (municipality_id, person_id) where person_id is not null;
create index survey_invitations_user on survey_invitations (municipality_id, user_id) where user_id is not null;
comment on table survey_invitations is 'Who was asked to answer a wave (the invitation knows who; issue 10 item 3). Only a responded flag links it to answering.';
comment on column survey_invitations.person_id is 'Personal data: the parent invited (portal or one-time link).';
comment on column survey_invitations.user_id is 'Personal data: the staff member invited.';
comment on column survey_invitations.case_id is 'Personal data: the case that gave the invitation (continuous mode).';
comment on column survey_invitations.token_hash is 'SHA-256 of the one-time link''s secret; the secret itself is only in the e-mail.';

create table survey_responses (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  wave_id uuid not null,
  instrument_version_id uuid not null,
  pairing_key text,
  constraint survey_responses_tenant_key unique (municipality_id, id),
  constraint survey_responses_wave_fk foreign key (municipality_id, wave_id) references survey_waves (municipality_id, id),
  constraint survey_responses_version_fk foreign key (municipality_id, instrument_version_id) references survey_instrument_versions (municipality_id, id)
);
create index survey_responses_wave on survey_responses (municipality_id, wave_id);
comment on table survey_responses is 'One anonymous answer to a wave: no person, case, invitation or time (only the wave), so no join leads from an answer to a person (issue 10 item 3).';
comment on column survey_responses.pairing_key is 'Pseudonym for the test restricted to respondents of both waves: a keyed hash (server secret) of series and respondent, never stored beside any id; not joinable with the database alone.';

create table survey_answers (
  municipality_id uuid not null references municipalities (id),
  response_id uuid not null,
  item_id uuid not null,
  -- Null is "ved ikke" / skipped: missing, never a number (issue 10 item 1).
  value smallint,
  free_text text,
  constraint survey_answers_pk primary key (municipality_id, response_id, item_id),
  constraint survey_answers_response_fk foreign key (municipality_id, response_id) references survey_responses (municipality_id, id),
  constraint survey_answers_item_fk foreign key (municipality_id, item_id) references survey_items (municipality_id, id),
  constraint survey_answers_value_on_scale check (value is null or value between 1 and 6),
  constraint survey_answers_value_or_text check (value is null or free_text is null)
);
comment on table survey_answers is 'The answers of an anonymous response, one per item; value 1-6 (1 "slet ikke", 6 "i meget høj grad", 004:3041-3043) or null for "ved ikke".';
comment on column survey_answers.free_text is 'Personal data possible: free text is never shown per family, only pooled for groups of at least 5.';

do $$
declare t text;
begin
  foreach t in array array['survey_instrument_versions', 'survey_items', 'survey_waves', 'survey_invitations', 'survey_responses', 'survey_answers'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
-- Instruments, responses and answers are written once and never changed.
grant select, insert on survey_instrument_versions, survey_items, survey_responses, survey_answers to tovholder_app;
grant select, insert, update on survey_waves, survey_invitations to tovholder_app;
