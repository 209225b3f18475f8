import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables (kept in step with migrations/; the integration tests exercise every column). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

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
}

export interface CaseNumberCountersTable {
  municipality_id: string;
  year: number;
  last_number: number;
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
}
