import { z } from 'zod';
import { Abilities, Id, IsoDate, OptionalText, Version } from '../../platform/http/fields.js';
import { MeasureView } from '../measure/schema.js';

export const caseModels = ['efei', 'sof'] as const;
export const caseStatuses = ['open', 'in_operation', 'ordinary_operation', 'closed'] as const;
/** 'deputy' (stedfortræder, issue 9 item 3) is assigned through the handover module only, always with an end date. */
export const assignmentRoles = ['family_coordinator', 'primary_caseworker', 'buddy', 'caseworker', 'deputy'] as const;

export const CaseModel = z.enum(caseModels);
export const CaseStatus = z.enum(caseStatuses);
export const AssignmentRole = z.enum(assignmentRoles);

export const CaseInput = z.object({
  familyId: Id,
  childId: Id,
  model: CaseModel,
  openedOn: IsoDate,
  responsibleDepartmentId: Id,
  /** The family coordinator (EFEI) or primary caseworker (SOF); the creator when left out. */
  leadUserId: Id.optional(),
});
export type CaseInput = z.infer<typeof CaseInput>;

export const CaseUpdate = z.object({
  model: CaseModel.optional(),
  status: CaseStatus.optional(),
  statusReason: OptionalText(2000),
  responsibleDepartmentId: Id.optional(),
  version: Version,
});
export type CaseUpdate = z.infer<typeof CaseUpdate>;

export const AssignmentInput = z.object({ userId: Id, role: z.enum(['family_coordinator', 'primary_caseworker', 'buddy', 'caseworker']), startsOn: IsoDate });
export type AssignmentInput = z.infer<typeof AssignmentInput>;
export const EndAssignmentInput = z.object({ endsOn: IsoDate });

export const TeamMemberInput = z.object({ userId: Id, teamRole: z.string().trim().min(1).max(100).default('member') });
export type TeamMemberInput = z.infer<typeof TeamMemberInput>;
export const RemoveTeamMemberInput = z.object({ removedOn: IsoDate });

export const AssignmentView = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  role: AssignmentRole,
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});
export type AssignmentView = z.infer<typeof AssignmentView>;

export const TeamMemberView = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  name: z.string(),
  departmentName: z.string().nullable(),
  departmentId: z.string().uuid().nullable(),
  departmentKind: z.string().nullable(),
  /** An external partner (school, daycare, PPR, physiotherapy, …) with a login of their own (role external_partner). */
  external: z.boolean(),
  teamRole: z.string(),
  addedOn: z.string(),
  removedOn: z.string().nullable(),
});
export type TeamMemberView = z.infer<typeof TeamMemberView>;

export const CaseSummary = z.object({
  id: z.string().uuid(),
  familyId: z.string().uuid(),
  caseNumber: z.string(),
  childId: z.string().uuid(),
  childName: z.string(),
  model: CaseModel,
  status: CaseStatus,
  statusReason: z.string().nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  responsibleDepartmentId: z.string().uuid(),
  responsibleDepartmentName: z.string(),
  lead: AssignmentView.nullable(),
  assignments: z.array(AssignmentView),
  teamMembers: z.array(TeamMemberView),
  measures: z.array(MeasureView),
  version: z.number().int(),
  accessReason: z.string(),
  abilities: Abilities,
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseAccessLogEntry = z.object({
  at: z.string(), userId: z.string().nullable(), userName: z.string().nullable(), action: z.string(), reason: z.string().nullable(),
});

export const FixedTeamMemberInput = z.object({ userId: Id, teamRole: z.string().trim().min(1, 'required: This field is required.').max(100).default('member') });
/** A municipality's fixed (standing) core team (000:563-603, 000:583). */
export const FixedTeamInput = z.object({
  name: z.string().trim().min(1, 'required: This field is required.').max(200, 'too_long: At most 200 characters.'),
  members: z.array(FixedTeamMemberInput).min(1, 'required: A core team has at least one member.').max(30),
});
export type FixedTeamInput = z.infer<typeof FixedTeamInput>;
export const FixedTeamUpdate = FixedTeamInput.partial().extend({ version: Version });
export type FixedTeamUpdate = z.infer<typeof FixedTeamUpdate>;
export const FixedTeamView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  members: z.array(z.object({
    userId: z.string().uuid(), name: z.string(), departmentName: z.string().nullable(), external: z.boolean(), teamRole: z.string(),
  })),
  version: z.number().int(),
});
export type FixedTeamView = z.infer<typeof FixedTeamView>;
export const ApplyFixedTeamInput = z.object({ teamId: Id });

export const CaseWarningView = z.object({
  code: z.enum(['coordinator_not_child_disability', 'coordinator_needs_caseworker', 'department_not_represented']),
  message: z.string(),
  departmentId: z.string().uuid().optional(),
  departmentName: z.string().optional(),
});
