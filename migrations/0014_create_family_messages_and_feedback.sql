-- Issue 5 items 3 and 5: what the family does in the portal, and the child's page. The family writes to its contact
-- (threads of messages), prepares for a meeting, answers short FIT-inspired feedback questions after a meeting
-- (004:2118-2124), revises the contact agreement, and lets the child answer Dialoglinealen-style smiley questions
-- (000:479-483). Family members act as persons (no user account), so every "who" here is a person or a user.

-- A conversation between the family and the staff around it. Started by a parent in the portal (or by staff).
create table message_threads (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  family_id uuid not null,
  subject text not null,
  created_by_person_id uuid,
  created_by_user_id uuid,
  created_at timestamptz not null,
  last_message_at timestamptz not null,
  constraint message_threads_pk primary key (municipality_id, id),
  constraint message_threads_family_fk foreign key (municipality_id, family_id) references families (municipality_id, id),
  constraint message_threads_person_fk foreign key (municipality_id, created_by_person_id) references persons (municipality_id, id),
  constraint message_threads_user_fk foreign key (municipality_id, created_by_user_id) references users (municipality_id, id),
  constraint message_threads_one_creator check ((created_by_person_id is null) <> (created_by_user_id is null)),
  constraint message_threads_subject_given check (btrim(subject) <> '' and length(subject) <= 200)
);
comment on table message_threads is 'Issue 5 item 3: the family writes to its contact; one row per conversation of a family with its staff.';
comment on column message_threads.subject is 'Personal data: the family''s own words about what the conversation is about.';
create index message_threads_family on message_threads (municipality_id, family_id, last_message_at desc);

-- One message of a thread, written by a family member (person) or a staff member (user). Each side marks what it has
-- read: the other side's messages carry read_by_family_at / read_by_staff_at; the unread count comes from them.
create table messages (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  thread_id uuid not null,
  author_person_id uuid,
  author_user_id uuid,
  body text not null,
  sent_at timestamptz not null,
  read_by_family_at timestamptz,
  read_by_staff_at timestamptz,
  constraint messages_pk primary key (municipality_id, id),
  constraint messages_thread_fk foreign key (municipality_id, thread_id) references message_threads (municipality_id, id),
  constraint messages_person_fk foreign key (municipality_id, author_person_id) references persons (municipality_id, id),
  constraint messages_user_fk foreign key (municipality_id, author_user_id) references users (municipality_id, id),
  constraint messages_one_author check ((author_person_id is null) <> (author_user_id is null)),
  constraint messages_body_given check (btrim(body) <> '' and length(body) <= 8000)
);
comment on table messages is 'Issue 5 item 3: messages between the family and its contact; e-mail notifications never carry the text.';
comment on column messages.body is 'Sensitive personal data: what the family or the staff member wrote.';
create index messages_thread on messages (municipality_id, thread_id, sent_at);
create index messages_unread_by_staff on messages (municipality_id, thread_id) where author_person_id is not null and read_by_staff_at is null;

-- 004:2105-2112: families are asked about the agenda of the meeting and which professionals to invite. One
-- preparation per family member per meeting, editable while the meeting is planned.
create table meeting_preparations (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  meeting_id uuid not null,
  person_id uuid not null,
  focus_points text,
  wishes text,
  invite_wishes text,
  updated_at timestamptz not null,
  version integer not null default 1,
  constraint meeting_preparations_pk primary key (municipality_id, id),
  constraint meeting_preparations_one_per_person unique (municipality_id, meeting_id, person_id),
  constraint meeting_preparations_meeting_fk foreign key (municipality_id, meeting_id) references meetings (municipality_id, id),
  constraint meeting_preparations_person_fk foreign key (municipality_id, person_id) references persons (municipality_id, id),
  constraint meeting_preparations_version check (version >= 1)
);
comment on table meeting_preparations is 'Issue 5 item 3, 004:2105-2112: the family''s focus points, wishes and people to invite before a meeting.';
comment on column meeting_preparations.focus_points is 'Personal data: what the family wants to talk about.';
comment on column meeting_preparations.wishes is 'Personal data: the family''s wishes for the meeting.';
comment on column meeting_preparations.invite_wishes is 'Personal data: people the family wants invited.';

-- 004:2120-2123: FIT-inspired questions the family answers about the collaboration after a meeting; the caseworker
-- goes through them the following day. Four questions on a 1-5 smiley scale, once per family member per meeting.
create table meeting_feedback (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  meeting_id uuid not null,
  person_id uuid not null,
  heard integer not null,
  important_topics integer not null,
  approach integer not null,
  overall integer not null,
  comment text,
  answered_at timestamptz not null,
  constraint meeting_feedback_pk primary key (municipality_id, id),
  constraint meeting_feedback_once unique (municipality_id, meeting_id, person_id),
  constraint meeting_feedback_meeting_fk foreign key (municipality_id, meeting_id) references meetings (municipality_id, id),
  constraint meeting_feedback_person_fk foreign key (municipality_id, person_id) references persons (municipality_id, id),
  constraint meeting_feedback_scale check (heard between 1 and 5 and important_topics between 1 and 5 and approach between 1 and 5 and overall between 1 and 5)
);
comment on table meeting_feedback is 'Issue 5 item 3, 004:2120-2123: FIT-inspired feedback on a meeting; staff see it from the day after it was given.';
comment on column meeting_feedback.heard is 'Personal data: did the family feel heard (1-5).';
comment on column meeting_feedback.important_topics is 'Personal data: did the meeting talk about what mattered to the family (1-5).';
comment on column meeting_feedback.approach is 'Personal data: did the way of working suit the family (1-5).';
comment on column meeting_feedback.overall is 'Personal data: was the meeting useful overall (1-5).';
comment on column meeting_feedback.comment is 'Personal data: the family''s own words on what to do differently.';

-- Issue 5 item 5: the parents decide whether the child's page is open for the child. One row per child.
create table child_page_permissions (
  municipality_id uuid not null references municipalities (id),
  child_id uuid not null,
  allowed boolean not null,
  set_by_person_id uuid not null,
  set_at timestamptz not null,
  constraint child_page_permissions_pk primary key (municipality_id, child_id),
  constraint child_page_permissions_child_fk foreign key (municipality_id, child_id) references persons (municipality_id, id),
  constraint child_page_permissions_set_by_fk foreign key (municipality_id, set_by_person_id) references persons (municipality_id, id)
);
comment on table child_page_permissions is 'Issue 5 item 5: whether the parents allow the child''s page (smiley questions in the portal).';

-- The child's own answers on the child's page are Dialoglinealen scores (000:479-483) like those a caseworker records
-- with the child, so they stand in the same trends beside the joint plan. They have no staff recorder: the source
-- says where they came from, and the parent whose portal session the child used is kept.
alter table dialogue_ruler_scores alter column recorded_by drop not null;
alter table dialogue_ruler_scores add column source text not null default 'staff';
alter table dialogue_ruler_scores add column entered_by_person_id uuid;
alter table dialogue_ruler_scores add constraint dialogue_ruler_scores_entered_by_fk
  foreign key (municipality_id, entered_by_person_id) references persons (municipality_id, id);
alter table dialogue_ruler_scores add constraint dialogue_ruler_scores_source_known check (
  (source = 'staff' and recorded_by is not null and entered_by_person_id is null)
  or (source = 'child_page' and recorded_by is null and entered_by_person_id is not null));
comment on column dialogue_ruler_scores.source is 'staff: recorded by a caseworker with the child; child_page: answered by the child in the family portal (issue 5 item 5).';

-- A parent revises the contact agreement in the portal (issue 5 item 3): the revision is recorded as by the person.
alter table contact_agreements add column recorded_by_person_id uuid;
alter table contact_agreements add constraint contact_agreements_recorded_by_person_fk
  foreign key (municipality_id, recorded_by_person_id) references persons (municipality_id, id);
alter table contact_agreements add constraint contact_agreements_one_recorder check (recorded_by is null or recorded_by_person_id is null);

do $$
declare t text;
begin
  foreach t in array array['message_threads', 'messages', 'meeting_preparations', 'meeting_feedback', 'child_page_permissions'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;
-- Messages are never edited or deleted by the app: only their read marks and the thread's last_message_at change.
grant select, insert, update on message_threads, meeting_preparations, child_page_permissions to tovholder_app;
grant select, insert on messages to tovholder_app;
grant update (read_by_family_at, read_by_staff_at) on messages to tovholder_app;
-- Feedback is given once and stays as it was given.
grant select, insert on meeting_feedback to tovholder_app;
