/**
 * The shapes the API sends and accepts, written from the server's zod schemas (src/modules/* /schema.ts) and the
 * OpenAPI document at /api/docs. Only what the web app uses is described here.
 */

export type Role =
  | 'coordinator' | 'core_team_member' | 'external_partner' | 'team_leader' | 'department_head' | 'controller' | 'administrator' | 'parent';
export const allRoles: readonly Role[] = [
  'coordinator', 'core_team_member', 'external_partner', 'team_leader', 'department_head', 'controller', 'administrator', 'parent',
];

export type CaseModel = 'efei' | 'sof';
export type CaseStatus = 'open' | 'in_operation' | 'ordinary_operation' | 'closed';
export const caseStatuses: readonly CaseStatus[] = ['open', 'in_operation', 'ordinary_operation', 'closed'];
/** 'deputy' (stedfortræder, issue 9 item 3) is shown, never chosen on the assignment form. */
export type AssignmentRole = 'family_coordinator' | 'primary_caseworker' | 'buddy' | 'caseworker' | 'deputy';
export type Relation = 'child' | 'parent' | 'carer' | 'sibling' | 'other';
export const relations: readonly Relation[] = ['child', 'parent', 'carer', 'sibling', 'other'];

/** The family's one contact: the family coordinator in EFEI, the primary caseworker in SOF. */
export const leadRoleOf: Record<CaseModel, AssignmentRole> = { efei: 'family_coordinator', sof: 'primary_caseworker' };

export type Abilities = Record<string, boolean | undefined>;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  departmentId: string | null;
  municipality: { id: string; name: string; code: string };
}
export interface SessionView { user: SessionUser; csrfToken: string }

export interface Department { id: string; kind: string; name: string; version: number }
export interface Staff { id: string; name: string; departmentId: string | null; roles: Role[]; hasAuthority: boolean }
export interface User {
  id: string; email: string; name: string; phone: string | null; reachableHours: string | null; departmentId: string | null;
  roles: Role[]; hasAuthority: boolean; active: boolean; version: number;
}
export interface UserInput {
  email: string; name: string; phone?: string | null; reachableHours?: string | null; departmentId?: string | null; roles: Role[]; hasAuthority?: boolean; password: string;
}

export interface LegalBasis {
  id: string; law: 'SEL' | 'BL'; paragraph: string; subsection: string | null; label: string;
  nameDa: string; nameEn: string; category: string; validFrom: string; validTo: string | null; replacedBy: string[];
  /** Barnets Lov §20 stk. 3: months from awareness until the work is due; null when the law sets none. */
  completionMonths: number | null;
}

export interface Person {
  id: string; firstName: string; lastName: string; birthDate: string | null; age: number | null;
  cpr: string | null; cprWarnings: Array<'modulus11_failed' | 'replacement_number'>;
  phone: string | null; email: string | null; version: number;
}
export interface PersonInput {
  firstName: string; lastName: string; cpr?: string | null; birthDate?: string | null; phone?: string | null; email?: string | null;
}
export interface Member { relation: Relation; hasCustody: boolean; person: Person }
export interface MemberInput { relation: Relation; hasCustody?: boolean; person: PersonInput }

export type Measure = {
  id: string; caseId: string; legalBasisId: string; legalBasisLabel: string; legalBasisCategory: string;
  departmentId: string; departmentName: string; description: string; startsOn: string; endsOn: string | null;
  active: boolean; version: number;
} & MeasureDuties & { childPlanDueOn: string | null } & MeasureInvestigation & MeasureLawFollowUp;
/** Barnets Lov §95: the follow-up cadence decided at the first follow-up of a §32 measure (server: measure/law-follow-up.ts). */
export interface MeasureLawFollowUp {
  lawFollowUpApplies: boolean; lawFollowUpMonths: number | null; lawFollowUpReasons: string | null; lawFollowUpDecidedOn: string | null;
  explainedToChildOn: string | null; explainedToParentsOn: string | null;
}
/** Barnets Lov §20 stk. 3: the clock of a measure whose legal basis has a completion deadline (server: measure/investigation.ts). */
export interface MeasureInvestigation {
  awareOn: string | null; investigationDueOn: string | null; investigationDaysLeft: number | null; provisionalAssessmentRequired: boolean;
  provisionalAssessmentAllowed: boolean; provisionalAssessmentOn: string | null; provisionalAssessment: string | null;
}
/** Barnets Lov §32 stk. 2-3 and §91 details of a support measure or placement. */
export interface MeasureDuties {
  purpose: string | null; expectedDuration: string | null; custodyConsentOn: string | null;
  childPlanDecision: 'made' | 'not_made' | null; childPlanDecidedOn: string | null; childPlanReason: string | null; childPlanCompletedOn: string | null;
}
export interface MeasureInput extends Partial<MeasureDuties> { legalBasisId: string; departmentId: string; description: string; startsOn: string; endsOn?: string | null; awareOn?: string | null }

export interface Assignment {
  id: string; userId: string; name: string; email: string; phone: string | null; role: AssignmentRole; startsOn: string; endsOn: string | null;
}
export interface TeamMember {
  id: string; userId: string; name: string; departmentName: string | null; teamRole: string; addedOn: string; removedOn: string | null;
}

export interface Case {
  id: string; familyId: string; caseNumber: string; childId: string; childName: string; model: CaseModel; status: CaseStatus;
  statusReason: string | null; openedOn: string; closedOn: string | null; responsibleDepartmentId: string;
  responsibleDepartmentName: string; lead: Assignment | null; assignments: Assignment[]; teamMembers: TeamMember[];
  measures: Measure[]; version: number; accessReason: string; abilities: Abilities;
}
export interface CaseInput {
  familyId: string; childId: string; model: CaseModel; openedOn: string; responsibleDepartmentId: string; leadUserId?: string;
}
export interface CaseUpdate {
  model?: CaseModel; status?: CaseStatus; statusReason?: string | null; responsibleDepartmentId?: string; version: number;
}
export interface AccessLogEntry { at: string; userId: string | null; userName: string | null; action: string; reason: string | null }

export interface Family {
  id: string; name: string; address: string | null; notes: string | null; version: number;
  members: Member[]; cases: Case[]; accessReason: string; abilities: Abilities;
}
export interface FamilyInput { name: string; address?: string | null; notes?: string | null }

export interface OwnFamily {
  id: string; name: string;
  members: Array<{ relation: Relation; firstName: string; lastName: string }>;
  contacts: Array<{ childFirstName: string; role: string; name: string; phone: string | null; email: string }>;
}

export interface MyFamilyChild {
  personId: string; name: string; birthDate: string | null; age: number | null; caseId: string; caseNumber: string;
  model: CaseModel; status: CaseStatus; legalBases: string[]; lead: string | null; myRole: string;
}
export interface MyFamily { familyId: string; familyName: string; children: MyFamilyChild[]; nextAction: string | null }

export interface SearchHit {
  familyId: string; familyName: string; personId: string | null; personName: string | null; birthDate: string | null;
  caseId: string | null; caseNumber: string | null; matched: 'cpr' | 'case_number' | 'name' | 'family_name';
}
