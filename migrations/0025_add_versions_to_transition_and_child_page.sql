-- Optimistic concurrency for the last editable records that had none (docs/api.md "Records carry version"): the
-- recorded start of the transition to adult services, each planned step of the transition track, and a parent's
-- choice to open or close the child's page. Two people who saved from the same screen used to both get 200, the
-- later one silently overwriting the earlier; now an update names the version it edited and a stale one is 409.
-- Existing rows start at version 1, like every row created from now on.

alter table case_transitions add column version integer not null default 1;
alter table case_transitions add constraint case_transitions_version_positive check (version > 0);
comment on column case_transitions.version is 'Optimistic concurrency: raised by one on every change; a change naming an older version is refused (409 version_conflict). No personal data.';

alter table case_transition_steps add column version integer not null default 1;
alter table case_transition_steps add constraint case_transition_steps_version_positive check (version > 0);
comment on column case_transition_steps.version is 'Optimistic concurrency: raised by one on every change; a change naming an older version is refused (409 version_conflict). No personal data.';

alter table child_page_permissions add column version integer not null default 1;
alter table child_page_permissions add constraint child_page_permissions_version_positive check (version > 0);
comment on column child_page_permissions.version is 'Optimistic concurrency: raised by one each time a parent opens or closes the page; a change naming an older version is refused (409 version_conflict). No personal data.';
