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

/** Who beyond staff may see a piece of case information (issue 5 item 2, migration 0013). */
export type Visibility = 'internal' | 'family' | 'partners';
/** Read as a Visibility; written as text (the check constraint refuses anything else), defaulted by the migration. */
type VisibilityColumn = ColumnType<Visibility, string | undefined, string>;

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
  reachable_hours: Generated<string | null>;
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
  /** Migration 0009: months from awareness to the deadline (Barnets Lov §20 stk. 3); null when the law sets none. */
  completion_months: ColumnType<number | null, number | null | undefined, number | null>;
  /** Migration 0011: the yearly indexed amount a granted amount is checked against (decision/rules.ts). */
  yearly_amount_kind: NullableText;
  /** Migration 0019: the evaluation's expense category (cost-report/rules.ts). */
  expense_category: ColumnType<string, string | undefined, string>;
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
  /** A deputy (stedfortræder): whom they stand in for (migration 0022). */
  deputy_for_user_id?: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** Migration 0009: Barnets Lov §20 stk. 3. */
  aware_on: NullableDate;
  provisional_assessment_on: NullableDate;
  provisional_assessment: NullableText;
  /** Migration 0010: Barnets Lov §95, the follow-up cadence decided at the first follow-up of a §32 measure. */
  law_follow_up_months: number | null;
  law_follow_up_reasons: NullableText;
  law_follow_up_decided_on: NullableDate;
  explained_to_child_on: NullableDate;
  explained_to_parents_on: NullableDate;
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
  /** Issue 5 item 2 (migration 0013): internal, family or partners. */
  visibility: VisibilityColumn;
  minutes_visibility: VisibilityColumn;
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
  /** Issue 5 item 2 (migration 0013): internal, family or partners. */
  visibility: VisibilityColumn;
}

export interface MeetingDecisionsTable {
  id: Generated<string>;
  municipality_id: string;
  meeting_id: string;
  text: string;
  created_by: string | null;
  created_at: Generated<Date>;
  /** Issue 5 item 2 (migration 0013): internal, family or partners. */
  visibility: VisibilityColumn;
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
  /** Issue 5 item 2 (migration 0013): internal, family or partners. */
  visibility: VisibilityColumn;
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
  /** A parent's revision in the portal (migration 0014). */
  recorded_by_person_id: NullableText;
  recorded_at: Timestamp;
}

export interface CaseTransitionsTable {
  municipality_id: string;
  case_id: string;
  started_on: DateOnly;
  note: string | null;
  recorded_by: string | null;
  created_at: Generated<Date>;
  /** Migration 0025. */
  version: Generated<number>;
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
  /** Issue 5 item 2 (migration 0013): internal, family or partners. */
  visibility: VisibilityColumn;
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
  /** Issue 5 item 2 (migration 0013): internal, family or partners. */
  visibility: VisibilityColumn;
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
  /** Null for the child's own answers on the child's page (migration 0014). */
  recorded_by: string | null;
  recorded_at: Timestamp;
  source: ColumnType<'staff' | 'child_page', 'staff' | 'child_page' | undefined, 'staff' | 'child_page'>;
  entered_by_person_id: NullableText;
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

/** Issue 5 item 1 (migration 0012): one-time codes of the family portal login; hashes only. */
export interface PortalLoginCodesTable {
  id: Generated<string>;
  municipality_id: string;
  person_id: string;
  channel: string;
  address_hash: string;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  attempts: Generated<number>;
  used_at: Date | null;
}

/** Issue 5 item 1 (migration 0012): family portal sessions, apart from staff sessions. */
export interface PortalSessionsTable {
  id: string;
  municipality_id: string;
  person_id: string;
  method: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Date | null;
}

/** Issue 5 items 3-4 (migration 0015): the family's consents to share, by recipient department or partner organisation. */
export interface ConsentsTable {
  id: Generated<string>;
  municipality_id: string;
  family_id: string;
  department_id: string;
  scope: Generated<string>;
  given_on: DateOnly;
  given_by_person_id: string;
  source: string;
  recorded_by_user_id: string | null;
  created_at: Timestamp;
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  withdrawn_by_person_id: string | null;
  withdrawn_by_user_id: string | null;
  version: Generated<number>;
}

/** Issue 5 item 4 (migration 0015): notes an external partner adds to a case. */
export interface PartnerNotesTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  author_user_id: string;
  department_id: string | null;
  text: string;
  created_at: Timestamp;
}

/** numeric: read as a string (exact), written as a number or string. */
type Numeric = ColumnType<string, number | string, number | string>;
type NullableNumeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export interface DecisionsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  decided_on: DateOnly;
  outcome: string;
  legal_basis_id: string;
  reasoning: string;
  amount_dkk: NullableNumeric;
  amount_period: NullableText;
  child_views_method: NullableText;
  child_views_on: NullableDate;
  child_views: NullableText;
  child_views_not_obtained_reason: NullableText;
  bisidder_told_on: NullableDate;
  recorded_by: string;
  recorded_at: Timestamp;
  version: Generated<number>;
  /** Migration 0018: who decided under which rule of which competence plan version. */
  decided_by_kind: NullableText;
  competence_plan_version_id: NullableText;
  competence_rule_position: ColumnType<number | null, number | null | undefined, number | null>;
  proposal_id: NullableText;
}

export interface DecisionMeasuresTable {
  municipality_id: string;
  case_id: string;
  decision_id: string;
  measure_id: string;
}

/** Issue 8 items 2-3 (migration 0018): core-team proposals, votes, the visitation committee, letters. */
export interface CommitteeMeetingsTable {
  id: Generated<string>;
  municipality_id: string;
  meets_on: DateOnly;
  location: NullableText;
  note: NullableText;
  created_by: string;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface DecisionProposalsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  legal_basis_id: string;
  reasoning: string;
  amount_dkk: NullableNumeric;
  amount_period: NullableText;
  child_views_method: NullableText;
  child_views_on: NullableDate;
  child_views: NullableText;
  child_views_not_obtained_reason: NullableText;
  competence_plan_version_id: string;
  competence_rule_position: number;
  status: ColumnType<string, string | undefined, string>;
  referral_reason: NullableText;
  referred_on: NullableDate;
  expected_by: NullableDate;
  committee_meeting_id: NullableText;
  decision_id: NullableText;
  proposed_by: string;
  proposed_at: Timestamp;
  version: Generated<number>;
}

export interface DecisionProposalMeasuresTable {
  municipality_id: string;
  case_id: string;
  proposal_id: string;
  measure_id: string;
}

export interface DecisionProposalVotesTable {
  id: Generated<string>;
  municipality_id: string;
  proposal_id: string;
  voter_user_id: string;
  vote: string;
  reason: NullableText;
  voted_at: Timestamp;
}

export interface DecisionLettersTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  decision_id: string;
  decision_version: number;
  body: string;
  complaint_deadline: NullableDate;
  created_at: Timestamp;
}

export interface YearlyLegalAmountsTable {
  municipality_id: string;
  year: number;
  kind: string;
  amount_dkk: Numeric;
  note: NullableText;
  updated_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** Barnets Lov §18 (migration 0009). */
export interface ScreeningsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  aware_on: DateOnly;
  screened_on: DateOnly;
  outcome: string;
  reasons: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** Barnets Lov §137 notifications (migration 0009). */
export interface NotificationsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  received_on: DateOnly;
  source: string;
  summary: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** Barnets Lov §137 re-assessments (migration 0009). */
export interface ReassessmentsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  notification_id: string;
  opened_on: DateOnly;
  assigned_user_id: string | null;
  completed_on: NullableDate;
  conclusion: NullableText;
  completed_by: string | null;
  version: Generated<number>;
}

/** Issue 8 item 4 (migration 0019): versions of a measure's shared financing and their shares. */
export interface MeasureFinancingVersionsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  measure_id: string;
  version_no: number;
  status: string;
  reason: string;
  dispute_reason: NullableText;
  created_by: string | null;
  created_at: Timestamp;
}

export interface MeasureFinancingSharesTable {
  municipality_id: string;
  version_id: string;
  department_id: string;
  valid_from: DateOnly;
  valid_to: NullableDate;
  share_bp: number;
}

/** Migration 0019: sums of cost_postings per month, department and category, kept by triggers. */
export interface CostPostingTotalsTable {
  municipality_id: string;
  month: DateOnly;
  department_id: string;
  expense_category: string;
  amount_ore: ColumnType<number, number | string, number | string>;
  postings: number;
}

/** Issue 8 items 4-5 (migration 0019): monthly cost postings in øre. */
export interface CostPostingsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  measure_id: string | null;
  decision_id: string | null;
  month: DateOnly;
  department_id: string;
  expense_category: string;
  amount_ore: ColumnType<number, number | string, number | string>;
  source: string;
  note: NullableText;
  created_by: string | null;
  created_at: Timestamp;
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
  screenings: ScreeningsTable;
  notifications: NotificationsTable;
  reassessments: ReassessmentsTable;
  decisions: DecisionsTable;
  decision_measures: DecisionMeasuresTable;
  yearly_legal_amounts: YearlyLegalAmountsTable;
  portal_login_codes: PortalLoginCodesTable;
  portal_sessions: PortalSessionsTable;
  // Family messages, meeting preparation and feedback, the child's page (issue 5 items 3 and 5, migration 0014).
  message_threads: MessageThreadsTable;
  messages: MessagesTable;
  meeting_preparations: MeetingPreparationsTable;
  meeting_feedback: MeetingFeedbackTable;
  child_page_permissions: ChildPagePermissionsTable;
  consents: ConsentsTable;
  partner_notes: PartnerNotesTable;
  case_documents: CaseDocumentsTable;
  competence_plan_versions: CompetencePlanVersionsTable;
  competence_plan_rules: CompetencePlanRulesTable;
  // Issue 9 item 7 = issue 10 item 6 (migration 0023): fidelity status measurements.
  status_measurements: StatusMeasurementsTable;
  status_measurement_answers: StatusMeasurementAnswersTable;
  status_measurement_raters: StatusMeasurementRatersTable;
  // Issue 10 (migration 0020): survey instruments, waves, invitations and anonymous responses.
  survey_instrument_versions: SurveyInstrumentVersionsTable;
  survey_items: SurveyItemsTable;
  survey_waves: SurveyWavesTable;
  survey_invitations: SurveyInvitationsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
  follow_up_escalations: FollowUpEscalationsTable;
  follow_up_episode_state: FollowUpEpisodeStateTable;
  follow_up_episodes: FollowUpEpisodesTable;
  // Issue 8 items 4-6 (migration 0019): shared financing and cost postings.
  measure_financing_versions: MeasureFinancingVersionsTable;
  measure_financing_shares: MeasureFinancingSharesTable;
  cost_postings: CostPostingsTable;
  cost_posting_totals: CostPostingTotalsTable;
  // Issue 9 items 3-6 (migration 0022): handover, transition track, leaders' meetings, learning goals.
  handover_notes: HandoverNotesTable;
  case_transition_tracks: CaseTransitionTracksTable;
  case_transition_steps: CaseTransitionStepsTable;
  leader_meeting_series: LeaderMeetingSeriesTable;
  leader_meeting_members: LeaderMeetingMembersTable;
  leader_meetings: LeaderMeetingsTable;
  leader_meeting_decisions: LeaderMeetingDecisionsTable;
  learning_goals: LearningGoalsTable;
  // Issue 8 items 2-3 (migration 0018).
  committee_meetings: CommitteeMeetingsTable;
  decision_proposals: DecisionProposalsTable;
  decision_proposal_measures: DecisionProposalMeasuresTable;
  decision_proposal_votes: DecisionProposalVotesTable;
  decision_letters: DecisionLettersTable;
}

/** Issue 5: documents of a case, classified like other case information (migration 0016). */
export interface CaseDocumentsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  title: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  /** Buffer on node-postgres, Uint8Array on PGlite. */
  content: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
  visibility: VisibilityColumn;
  uploaded_by: string;
  uploaded_at: Timestamp;
  version: Generated<number>;
}

/** Issue 5 items 3 and 5 (migration 0014). */
export interface MessageThreadsTable {
  id: Generated<string>;
  municipality_id: string;
  family_id: string;
  subject: string;
  created_by_person_id: NullableText;
  created_by_user_id: NullableText;
  created_at: Timestamp;
  last_message_at: Timestamp;
}

export interface MessagesTable {
  id: Generated<string>;
  municipality_id: string;
  thread_id: string;
  author_person_id: NullableText;
  author_user_id: NullableText;
  body: string;
  sent_at: Timestamp;
  read_by_family_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  read_by_staff_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MeetingPreparationsTable {
  id: Generated<string>;
  municipality_id: string;
  meeting_id: string;
  person_id: string;
  focus_points: NullableText;
  wishes: NullableText;
  invite_wishes: NullableText;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MeetingFeedbackTable {
  id: Generated<string>;
  municipality_id: string;
  meeting_id: string;
  person_id: string;
  heard: number;
  important_topics: number;
  approach: number;
  overall: number;
  comment: NullableText;
  answered_at: Timestamp;
}

export interface ChildPagePermissionsTable {
  municipality_id: string;
  child_id: string;
  allowed: boolean;
  set_by_person_id: string;
  set_at: Timestamp;
  /** Migration 0025. */
  version: Generated<number>;
}

/** Issue 8 item 1: the decision-competence plan, versioned per municipality (migration 0017). */
export interface CompetencePlanVersionsTable {
  id: Generated<string>;
  municipality_id: string;
  version_no: number;
  published_at: Timestamp;
  published_by: string;
  note: string;
  /** Migration 0018: categories a core-team proposal always refers to the visitation committee. */
  committee_only_categories: ColumnType<string[], string[] | undefined, string[]>;
}

export interface CompetencePlanRulesTable {
  id: Generated<string>;
  municipality_id: string;
  plan_version_id: string;
  position: number;
  legal_basis_id: NullableText;
  category: NullableText;
  decided_by: string;
  role: NullableText;
  department_id: string | null;
  max_amount_dkk: NullableNumeric;
  amount_period: NullableText;
  default_payer_department_id: string | null;
}

/** Issue 9 item 3: handover notes (migration 0022). */
export interface HandoverNotesTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  from_user_id: string | null;
  to_user_id: string;
  role: string;
  handed_over_on: DateOnly;
  family_needs: string;
  open_agreements: NullableText;
  next_dates: NullableText;
  shared_note: NullableText;
  batch_id: string | null;
  created_by: string;
  created_at: Timestamp;
}

/** Issue 9 item 4: the transition track to adult services (migration 0022). */
export interface CaseTransitionTracksTable {
  municipality_id: string;
  case_id: string;
  adult_contact_name: NullableText;
  adult_contact_unit: NullableText;
  adult_contact_phone: NullableText;
  adult_contact_email: NullableText;
  version: Generated<number>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface CaseTransitionStepsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  title: string;
  planned_on: DateOnly;
  done_on: NullableDate;
  created_by: string;
  created_at: Timestamp;
  /** Migration 0025. */
  version: Generated<number>;
}

/** Issue 9 item 5: coordination group and stop-op meetings (migration 0022). */
export interface LeaderMeetingSeriesTable {
  id: Generated<string>;
  municipality_id: string;
  kind: string;
  title: string;
  first_on: DateOnly;
  created_by: string;
  created_at: Timestamp;
}

export interface LeaderMeetingMembersTable {
  municipality_id: string;
  series_id: string;
  user_id: string;
}

export interface LeaderMeetingsTable {
  id: Generated<string>;
  municipality_id: string;
  series_id: string;
  scheduled_on: DateOnly;
  status: Generated<string>;
  held_on: NullableDate;
  agenda: ColumnType<unknown | null, string | null | undefined, string | null>;
  minutes: NullableText;
  minutes_sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
}

export interface LeaderMeetingDecisionsTable {
  id: Generated<string>;
  municipality_id: string;
  meeting_id: string;
  text: string;
  responsible_user_id: string;
  due_on: NullableDate;
  created_by: string;
  created_at: Timestamp;
}

/** Issue 9 item 6: individual learning goals (migration 0022). */
export interface LearningGoalsTable {
  id: Generated<string>;
  municipality_id: string;
  employee_user_id: string;
  leader_user_id: string;
  buddy_user_id: string | null;
  goal: string;
  follow_up_on: DateOnly;
  status: Generated<string>;
  notes: NullableText;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
}

/** Issue 9 item 2: overdue follow-ups escalated to the team leader, one row per overdue episode (migration 0021). */
export interface FollowUpEscalationsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  due_on: DateOnly;
  counts_from: DateOnly;
  escalated_on: DateOnly;
  overdue_days: number;
  department_id: string;
  team_leader_user_id: string;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  resolved_by: string | null;
  resolution: NullableText;
  resolution_note: NullableText;
  version: Generated<number>;
}

/** Issue 9: which cases' stored episodes must be recomputed (migration 0024; marked by triggers). */
export interface FollowUpEpisodeStateTable {
  municipality_id: string;
  case_id: string;
  marked: ColumnType<string, string | number | undefined, string | number>;
  computed: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  computed_on: NullableDate;
  valid_until: NullableDate;
  department_id: string | null;
  case_department_id: string;
  complex: boolean | null;
}

/** Issue 9: each case's follow-up due dates with held date, outcome and lead (migration 0024; leadership/episodes.ts). */
export interface FollowUpEpisodesTable {
  municipality_id: string;
  case_id: string;
  department_id: string;
  due_on: DateOnly;
  held_on: NullableDate;
  outcome: 'on_time' | 'late' | 'overdue' | 'pending';
  lead_user_id: string | null;
  case_closed_on: NullableDate;
}

/** Issue 10: the parent and staff surveys (migration 0020). */
export interface SurveyInstrumentVersionsTable {
  id: Generated<string>;
  municipality_id: string;
  instrument: string;
  version_no: number;
  published_at: Timestamp;
  published_by: string | null;
  note: string;
}

export interface SurveyItemsTable {
  id: Generated<string>;
  municipality_id: string;
  version_id: string;
  item_key: string;
  position: number;
  theme_key: string;
  theme_title_da: string;
  theme_title_en: string;
  kind: ColumnType<string, string | undefined, string>;
  text_da: string;
  text_en: string;
  origin: string;
  source: NullableText;
}

export interface SurveyWavesTable {
  id: Generated<string>;
  municipality_id: string;
  instrument: string;
  model: string;
  series: string;
  phase: string;
  mode: string;
  instrument_version_id: string;
  opens_on: DateOnly;
  closes_on: NullableDate;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface SurveyInvitationsTable {
  id: Generated<string>;
  municipality_id: string;
  wave_id: string;
  person_id: string | null;
  user_id: string | null;
  case_id: string | null;
  channel: string;
  token_hash: NullableText;
  invited_at: Timestamp;
  last_reminded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  responded: Generated<boolean>;
}

export interface SurveyResponsesTable {
  id: Generated<string>;
  municipality_id: string;
  wave_id: string;
  instrument_version_id: string;
  pairing_key: NullableText;
}

export interface SurveyAnswersTable {
  municipality_id: string;
  response_id: string;
  item_id: string;
  value: number | null;
  free_text: NullableText;
}

/** Issue 9 item 7 = issue 10 item 6: quarterly fidelity status measurements per case and rater (migration 0023). */
export interface StatusMeasurementsTable {
  id: Generated<string>;
  municipality_id: string;
  case_id: string;
  rater_user_id: string;
  quarter: string;
  model: string;
  definition_version: number;
  department_id: string;
  submitted_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface StatusMeasurementAnswersTable {
  municipality_id: string;
  measurement_id: string;
  element_key: string;
  question_key: string;
  score: number;
}

export interface StatusMeasurementRatersTable {
  municipality_id: string;
  case_id: string;
  user_id: string;
  added_by: string;
  added_on: DateOnly;
}
