-- Calendar (issue 4 item 6): per-user subscribable feeds behind a secret URL, and the iCalendar SEQUENCE of each
-- meeting. Reminders (issue 4 item 7): the outbox of e-mails and text messages, and family members' opt-in.

-- A user's calendar feed. The URL carries a 256-bit random token; only its SHA-256 is stored, so a copy of the
-- database does not give anyone a working feed URL. Rotating revokes the old row and inserts a new one.
create table calendar_feeds (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  user_id uuid not null,
  token_hash text not null,
  created_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz,
  constraint calendar_feeds_pk primary key (municipality_id, id),
  constraint calendar_feeds_user_fk foreign key (municipality_id, user_id) references users (municipality_id, id),
  constraint calendar_feeds_token_hash_unique unique (token_hash),
  constraint calendar_feeds_token_hash_format check (token_hash ~ '^[A-Za-z0-9_-]{43}$')
);
comment on table calendar_feeds is 'Issue 4 item 6: a user''s subscribable calendar feed of their upcoming meetings; token_hash = SHA-256 of the secret URL token, never the token.';
comment on column calendar_feeds.token_hash is 'SHA-256 (base64url) of the feed token; the token itself is shown once and never stored.';
create unique index calendar_feeds_one_active on calendar_feeds (municipality_id, user_id) where revoked_at is null;

-- The iCalendar SEQUENCE of a meeting (RFC 5545 §3.8.7.4): bumped whenever what the invitation says changes (time,
-- place, status, attendees), detected by a fingerprint of those facts, whichever module changed them.
create table calendar_event_sequences (
  municipality_id uuid not null references municipalities (id),
  meeting_id uuid not null,
  sequence integer not null default 0,
  fingerprint text not null,
  updated_at timestamptz not null,
  constraint calendar_event_sequences_pk primary key (municipality_id, meeting_id),
  constraint calendar_event_sequences_meeting_fk foreign key (municipality_id, meeting_id) references meetings (municipality_id, id) on delete cascade,
  constraint calendar_event_sequences_sequence_positive check (sequence >= 0)
);
comment on table calendar_event_sequences is 'Issue 4 item 6: the iCalendar SEQUENCE per meeting and a hash of the facts it was issued for.';

-- The outbox: a message is written in the transaction that decides to send it, and a worker delivers it after
-- commit. dedupe_key makes enqueueing idempotent: re-running the scheduler, or a restart, never adds a second row.
create table outbox_messages (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  dedupe_key text not null,
  kind text not null,
  channel text not null,
  recipient text not null,
  subject text not null,
  body text not null,
  status text not null default 'pending',
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  next_attempt_at timestamptz not null,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null,
  sent_at timestamptz,
  constraint outbox_messages_pk primary key (municipality_id, id),
  constraint outbox_messages_dedupe_unique unique (municipality_id, dedupe_key),
  constraint outbox_messages_channel_known check (channel in ('email', 'sms')),
  constraint outbox_messages_kind_known check (kind in ('meeting_reminder', 'follow_up_reminder', 'other')),
  constraint outbox_messages_status_known check (status in ('pending', 'sending', 'sent', 'failed')),
  constraint outbox_messages_attempts check (attempts >= 0 and max_attempts >= 1),
  constraint outbox_messages_sending_locked check (status <> 'sending' or locked_until is not null),
  constraint outbox_messages_sent_at check ((status = 'sent') = (sent_at is not null))
);
comment on table outbox_messages is 'Issue 4 item 7: reminders waiting to be sent, sent or failed; retried with exponential backoff up to max_attempts.';
comment on column outbox_messages.recipient is 'Personal data: the e-mail address or phone number the message goes to.';
comment on column outbox_messages.body is 'The message text: by design no CPR number, name of the child or health data, only a time and a link.';
comment on column outbox_messages.last_error is 'The transport''s error, without the recipient.';
create index outbox_messages_due on outbox_messages (municipality_id, next_attempt_at) where status = 'pending';
create index outbox_messages_status on outbox_messages (municipality_id, status, created_at);

-- A family member's choice to get reminders (000:423-445: contact is agreed with each family): off unless they opt in.
create table reminder_preferences (
  municipality_id uuid not null references municipalities (id),
  person_id uuid not null,
  opted_in boolean not null,
  channel text not null,
  updated_at timestamptz not null,
  updated_by uuid,
  version integer not null default 1,
  constraint reminder_preferences_pk primary key (municipality_id, person_id),
  constraint reminder_preferences_person_fk foreign key (municipality_id, person_id) references persons (municipality_id, id),
  constraint reminder_preferences_updated_by_fk foreign key (municipality_id, updated_by) references users (municipality_id, id),
  constraint reminder_preferences_channel_known check (channel in ('email', 'sms'))
);
comment on table reminder_preferences is 'Issue 4 item 7: whether a family member wants meeting reminders and by which channel (the address is the person''s own e-mail or phone).';

do $$
declare t text;
begin
  foreach t in array array['calendar_feeds', 'calendar_event_sequences', 'outbox_messages', 'reminder_preferences'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant())', t);
  end loop;
end $$;

-- A feed request carries no session and so no tenant: like login_lookup on users, it may see exactly the one feed
-- whose token hash it names, to learn the feed's municipality and user.
create policy feed_lookup on calendar_feeds for select to tovholder_app
  using (token_hash = nullif(current_setting('app.feed_token_hash', true), ''));

grant select, insert, update on calendar_feeds, calendar_event_sequences, outbox_messages, reminder_preferences to tovholder_app;
