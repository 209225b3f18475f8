import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables (kept in step with migrations/; the integration tests exercise every column). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
/** A nullable text column that an insert may leave out. */
type NullableText = ColumnType<string | null, string | null | undefined, string | null>;

export interface MunicipalitiesTable {
  id: Generated<string>;
  code: string;
  name: string;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface DepartmentsTable {
  id: Generated<string>;
  municipality_id: string;
  kind: string;
  name: string;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface UsersTable {
  id: Generated<string>;
  municipality_id: string;
  email: string;
  name: string;
  phone: string | null;
  department_id: string | null;
  roles: string[];
  has_authority: Generated<boolean>;
  person_id: string | null;
  password_hash: string | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface SessionsTable {
  id: string;
  municipality_id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Date | null;
}

export interface AuditChainHeadsTable {
  municipality_id: string;
  seq: Generated<number>;
  last_hash: Generated<Buffer | Uint8Array>;
}

export interface AuditLogTable {
  municipality_id: string;
  seq: number;
  at: Timestamp;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  family_ids: string[];
  case_ids: string[];
  entry: unknown;
  hash: Buffer | Uint8Array;
}

export interface LegalBasesTable {
  id: string;
  law: string;
  paragraph: string;
  subsection: string | null;
  name_da: string;
  name_en: string;
  category: string;
  valid_from: DateOnly;
  valid_to: NullableDate;
  replaced_by: string[];
}

export interface FamiliesTable {
  id: Generated<string>;
  municipality_id: string;
  name: string;
  address: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface PersonsTable {
  id: Generated<string>;
  municipality_id: string;
  first_name: string;
  last_name: string;
  birth_date: NullableDate;
  cpr: string | null;
  phone: string | null;
  email: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface FamilyMembersTable {
  municipality_id: string;
  family_id: string;
  person_id: string;
  relation: string;
  has_custody: Generated<boolean>;
}

export interface CasesTable {
  id: Generated<string>;
  municipality_id: string;
  family_id: string;
  child_id: string;
  case_number: string;
  model: string;
  status: Generated<string>;
  status_reason: string | null;
  opened_on: DateOnly;
  closed_on: NullableDate;
  responsible_department_id: string;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface CaseAssignmentsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  user_id: string;
  role: string;
  starts_on: DateOnly;
  ends_on: NullableDate;
  created_at: Generated<Date>;
}

export interface CaseTeamMembersTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  user_id: string;
  team_role: Generated<string>;
  added_on: DateOnly;
  removed_on: NullableDate;
  created_at: Generated<Date>;
}

export interface MeasuresTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  legal_basis_id: string;
  department_id: string;
  description: string;
  starts_on: DateOnly;
  ends_on: NullableDate;
  created_at: Generated<Date>;
  version: Generated<number>;
  purpose: NullableText;
  expected_duration: NullableText;
  custody_consent_on: NullableDate;
  child_plan_decision: NullableText;
  child_plan_decided_on: NullableDate;
  child_plan_reason: NullableText;
  child_plan_completed_on: NullableDate;
}

export interface CaseNumberCountersTable {
  municipality_id: string;
  year: number;
  last_number: number;
}

export interface MeetingsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  type: string;
  template: Generated<string>;
  child_contact: string | null;
  title: string | null;
  scheduled_at: Timestamp;
  location: string | null;
  status: Generated<string>;
  minutes: string | null;
  next_meeting_on: NullableDate;
  no_next_meeting_reason: string | null;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closed_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface MeetingParticipantsTable {
  id: Generated<string>;
  municipality_id: string;
  meeting_id: string;
  kind: string;
  user_id: string | null;
  person_id: string | null;
  guest_name: string | null;
  guest_organisation: string | null;
  role: Generated<string>;
  created_at: Generated<Date>;
}

export interface MeetingAgendaPointsTable {
  id: Generated<string>;
  municipality_id: string;
  meeting_id: string;
  column_key: string;
  text: string;
  position: number;
  created_by: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface MeetingDecisionsTable {
  id: Generated<string>;
  municipality_id: string;
  meeting_id: string;
  text: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface MeetingAgreementsTable {
  id: Generated<string>;
  municipality_id: string;
  meeting_id: string;
  text: string;
  owner_user_id: string | null;
  owner_person_id: string | null;
  due_on: NullableDate;
  status: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface CaseFlowRoundsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  number: number;
  reason: string;
  started_at: Timestamp;
  started_by: string | null;
}

export interface CaseFlowRecordsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  round: number;
  step: string;
  kind: string;
  text: string;
  recorded_at: Timestamp;
  recorded_by: string | null;
}

export interface FixedCoreTeamsTable {
  id: Generated<string>;
  municipality_id: string;
  name: string;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface FixedCoreTeamMembersTable {
  municipality_id: string;
  team_id: string;
  user_id: string;
  team_role: Generated<string>;
}

/** migrations/0005: the follow-up and contact log, contact agreements, transitions, the annual wheel. */
export interface ContactLogTable {
  id: Generated<string>;
  municipality_id: string;
  family_id: string;
  case_id: string | null;
  kind: string;
  channel: string;
  direction: Generated<string>;
  occurred_on: DateOnly;
  summary: string | null;
  agreements_reviewed: string | null;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface ContactAgreementsTable {
  id: Generated<string>;
  municipality_id: string;
  family_id: string;
  revision: number;
  channels: string[];
  every_days: number;
  good_times: string | null;
  prefers_space: Generated<boolean>;
  max_contacts_per_30_days: number | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface CaseTransitionsTable {
  municipality_id: string;
  case_id: string;
  started_on: DateOnly;
  note: string | null;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface AnnualWheelActivitiesTable {
  id: Generated<string>;
  municipality_id: string;
  family_id: string;
  case_id: string | null;
  year: number;
  month: number;
  kind: string;
  title: string | null;
  scheduled_at: Date | string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface JointPlansTable {
  id: Generated<string>;
  municipality_id: string;
  family_id: string;
  latest_version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface JointPlanVersionsTable {
  id: Generated<string>;
  municipality_id: string;
  plan_id: string;
  number: number;
  based_on: number | null;
  reason: string;
  meeting_id: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface JointPlanGoalsTable {
  id: Generated<string>;
  municipality_id: string;
  version_id: string;
  goal_key: string;
  position: number;
  title: string;
  concerns_person_id: string | null;
  horizon: string;
  specific: string;
  measurable: string;
  accepted: string;
  realistic: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  evaluation: string;
  family_words: string | null;
  professional_assessment: string | null;
  status: Generated<string>;
  status_note: string | null;
  status_meeting_id: string | null;
}

export interface JointPlanGoalOwnersTable {
  id: Generated<string>;
  municipality_id: string;
  goal_id: string;
  kind: string;
  person_id: string | null;
  user_id: string | null;
  partner_name: string | null;
  position: number;
}

export interface JointPlanGoalMeasuresTable {
  municipality_id: string;
  goal_id: string;
  measure_id: string;
}

export interface JointPlanGoalDepartmentsTable {
  municipality_id: string;
  goal_id: string;
  department_id: string;
}

export interface JointPlanActivitiesTable {
  id: Generated<string>;
  municipality_id: string;
  goal_id: string;
  position: number;
  description: string;
  responsible_kind: string;
  responsible_person_id: string | null;
  responsible_user_id: string | null;
  responsible_partner_name: string | null;
  due_on: DateOnly;
  done: Generated<boolean>;
}

export interface JointPlanAgreementsTable {
  id: Generated<string>;
  municipality_id: string;
  version_id: string;
  agreed_on: DateOnly;
  note: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface JointPlanAgreementPartiesTable {
  id: Generated<string>;
  municipality_id: string;
  agreement_id: string;
  person_id: string | null;
  user_id: string | null;
}

export interface ChildVoiceNotesTable {
  id: Generated<string>;
  municipality_id: string;
  child_id: string;
  occurred_on: DateOnly;
  method: string;
  summary: string;
  meeting_id: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface DialogueRulerScoresTable {
  id: Generated<string>;
  municipality_id: string;
  child_id: string;
  scored_on: DateOnly;
  topic: string;
  score: number;
  comment: string | null;
  meeting_id: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface CalendarFeedsTable {
  id: Generated<string>;
  municipality_id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface CalendarEventSequencesTable {
  municipality_id: string;
  meeting_id: string;
  sequence: Generated<number>;
  fingerprint: string;
  updated_at: Timestamp;
}

export interface OutboxMessagesTable {
  id: Generated<string>;
  municipality_id: string;
  dedupe_key: string;
  kind: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  status: Generated<string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ReminderPreferencesTable {
  municipality_id: string;
  person_id: string;
  opted_in: boolean;
  channel: string;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface DB {
  municipalities: MunicipalitiesTable;
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_chain_heads: AuditChainHeadsTable;
  audit_log: AuditLogTable;
  legal_bases: LegalBasesTable;
  families: FamiliesTable;
  persons: PersonsTable;
  family_members: FamilyMembersTable;
  cases: CasesTable;
  case_assignments: CaseAssignmentsTable;
  case_team_members: CaseTeamMembersTable;
  measures: MeasuresTable;
  case_number_counters: CaseNumberCountersTable;
  meetings: MeetingsTable;
  meeting_participants: MeetingParticipantsTable;
  meeting_agenda_points: MeetingAgendaPointsTable;
  meeting_decisions: MeetingDecisionsTable;
  meeting_agreements: MeetingAgreementsTable;
  case_flow_rounds: CaseFlowRoundsTable;
  case_flow_records: CaseFlowRecordsTable;
  fixed_core_teams: FixedCoreTeamsTable;
  fixed_core_team_members: FixedCoreTeamMembersTable;
  contact_log: ContactLogTable;
  contact_agreements: ContactAgreementsTable;
  case_transitions: CaseTransitionsTable;
  annual_wheel_activities: AnnualWheelActivitiesTable;
  joint_plans: JointPlansTable;
  joint_plan_versions: JointPlanVersionsTable;
  joint_plan_goals: JointPlanGoalsTable;
  joint_plan_goal_owners: JointPlanGoalOwnersTable;
  joint_plan_goal_measures: JointPlanGoalMeasuresTable;
  joint_plan_goal_departments: JointPlanGoalDepartmentsTable;
  joint_plan_activities: JointPlanActivitiesTable;
  joint_plan_agreements: JointPlanAgreementsTable;
  joint_plan_agreement_parties: JointPlanAgreementPartiesTable;
  child_voice_notes: ChildVoiceNotesTable;
  dialogue_ruler_scores: DialogueRulerScoresTable;
  calendar_feeds: CalendarFeedsTable;
  calendar_event_sequences: CalendarEventSequencesTable;
  outbox_messages: OutboxMessagesTable;
  reminder_preferences: ReminderPreferencesTable;
}
