-- Issue 5: "minutes and documents shared with the family". A document is a file staff upload to a case (a report,
-- a statement from the school, a plan signed on paper), classified like all case information (migration 0013):
-- internal until staff share it with the family, or with the family and the partners taking part.
-- The file itself is stored in the row (bytea, at most 10 MiB, src/modules/document/rules.ts): one tenant
-- transaction writes the file, its metadata and the audit row together, and row-level security guards the bytes.
create table case_documents (
  id uuid not null default gen_random_uuid(),
  municipality_id uuid not null references municipalities (id),
  case_id uuid not null,
  title text not null,
  file_name text not null,
  content_type text not null,
  size_bytes integer not null,
  sha256 text not null,
  content bytea not null,
  visibility text not null default 'internal',
  uploaded_by uuid not null,
  uploaded_at timestamptz not null default now(),
  version integer not null default 1,
  constraint case_documents_pk primary key (municipality_id, id),
  constraint case_documents_case_fk foreign key (municipality_id, case_id) references cases (municipality_id, id),
  constraint case_documents_uploaded_by_fk foreign key (municipality_id, uploaded_by) references users (municipality_id, id),
  constraint case_documents_visibility_known check (visibility in ('internal', 'family', 'partners')),
  constraint case_documents_content_type_allowed check (content_type in (
    'application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
  -- 10 MiB (rules.ts maxDocumentBytes); the size is the stored content's.
  constraint case_documents_size check (size_bytes between 1 and 10485760 and size_bytes = octet_length(content)),
  constraint case_documents_sha256_format check (sha256 ~ '^[0-9a-f]{64}$'),
  constraint case_documents_title_given check (btrim(title) <> ''),
  constraint case_documents_file_name_given check (btrim(file_name) <> '')
);
comment on table case_documents is 'Issue 5: documents of a case (reports, statements), classified internal / family / partners like other case information (migration 0013); the family sees the shared ones in the portal, partners the ones shared with partners.';
comment on column case_documents.title is 'Personal data: the title staff gave the document, often naming the child or the subject.';
comment on column case_documents.file_name is 'Personal data: the uploaded file''s name, which may name the child.';
comment on column case_documents.content is 'Sensitive personal data: the document itself (a report or statement about the child or family).';
comment on column case_documents.visibility is 'Who beyond staff with need-to-know sees the document: internal (default), family, or partners (the family and the partners taking part).';
create index case_documents_case on case_documents (municipality_id, case_id, uploaded_at desc);

alter table case_documents enable row level security;
alter table case_documents force row level security;
create policy tenant_isolation on case_documents to tovholder_app using (municipality_id = app_tenant()) with check (municipality_id = app_tenant());
-- Documents are uploaded, reclassified (title, visibility) and removed by staff with edit rights.
grant select, insert, update, delete on case_documents to tovholder_app;
