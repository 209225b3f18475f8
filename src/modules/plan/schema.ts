import { z } from 'zod';
import { Abilities, Id, IsoDate, OptionalText, RequiredText } from '../../platform/http/fields.js';
import { ChildVoiceSummary } from '../child-voice/schema.js';
import { VisibilityField } from '../../platform/policy/visibility.js';

/** The joint plan (fælles plan, 000:736-760): zod schemas for input, output and the version comparison. */

export const goalStatuses = ['not_started', 'in_progress', 'achieved', 'changed', 'dropped'] as const;
export const goalHorizons = ['short', 'long'] as const;
export const responsibleKinds = ['person', 'user', 'partner'] as const;

export const GoalStatus = z.enum(goalStatuses);
export const GoalHorizon = z.enum(goalHorizons);
export type GoalStatus = z.infer<typeof GoalStatus>;

/** Who owns a goal or answers for an activity: a family member, a staff user (incl. a partner's login) or a named partner. */
export const ResponsibleInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), personId: Id }),
  z.object({ kind: z.literal('user'), userId: Id }),
  z.object({ kind: z.literal('partner'), name: RequiredText(200) }),
], { error: 'kind_invalid: Choose person, user or partner.' });
export type ResponsibleInput = z.infer<typeof ResponsibleInput>;

export const ResponsibleView = z.object({
  kind: z.enum(responsibleKinds),
  personId: z.string().nullable(),
  userId: z.string().nullable(),
  name: z.string(),
});
export type ResponsibleView = z.infer<typeof ResponsibleView>;

export const ActivityInput = z.object({
  description: RequiredText(2000),
  responsible: ResponsibleInput,
  dueOn: IsoDate,
  done: z.boolean().default(false),
});
export type ActivityInput = z.infer<typeof ActivityInput>;

/**
 * A SMARTE goal (000:762-790, 001:688-696). Owners are checked by the rule (goal_owner_required), not here, so the
 * refusal names the rule.
 */
export const GoalInput = z.object({
  /** Present when the goal continues a goal of the base version; absent for a new goal. */
  goalKey: Id.optional(),
  title: RequiredText(300),
  concernsPersonId: Id.nullish(),
  horizon: GoalHorizon,
  specific: RequiredText(4000),
  measurable: RequiredText(4000),
  accepted: RequiredText(4000),
  realistic: RequiredText(4000),
  startsOn: IsoDate,
  endsOn: IsoDate,
  evaluation: RequiredText(4000),
  familyWords: OptionalText(8000),
  professionalAssessment: OptionalText(8000),
  status: GoalStatus.default('not_started'),
  statusNote: OptionalText(2000),
  statusMeetingId: Id.nullish(),
  owners: z.array(ResponsibleInput).max(20).default([]),
  measureIds: z.array(Id).max(50).default([]),
  departmentIds: z.array(Id).max(20).default([]),
  activities: z.array(ActivityInput).max(50).default([]),
  /** Issue 5 item 2: the joint plan is the family's own plan (000:745-747), so a goal is shared with them unless marked internal. */
  visibility: VisibilityField.optional(),
});
export type GoalInput = z.infer<typeof GoalInput>;

export const PlanInput = z.object({
  reason: RequiredText(2000),
  meetingId: Id.nullish(),
  goals: z.array(GoalInput).max(100).default([]),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const RevisionInput = PlanInput.extend({
  /** The version the revision was made from; anything but the latest is refused (plan_version_superseded). */
  baseVersion: z.number({ error: 'required: The version you edited is required.' }).int().positive(),
});
export type RevisionInput = z.infer<typeof RevisionInput>;

export const StatusUpdateInput = z.object({
  reason: RequiredText(2000),
  meetingId: Id.nullish(),
  updates: z.array(z.object({ goalKey: Id, status: GoalStatus, note: OptionalText(2000) })).min(1, 'required: Give at least one goal status.').max(100),
});
export type StatusUpdateInput = z.infer<typeof StatusUpdateInput>;

export const AgreementInput = z.object({
  agreedOn: IsoDate,
  personIds: z.array(Id).max(20).default([]),
  userIds: z.array(Id).max(20).default([]),
  note: OptionalText(2000),
});
export type AgreementInput = z.infer<typeof AgreementInput>;

export const VersionParams = z.object({ id: Id, number: z.coerce.number().int().positive() });
export const CompareQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() });

export const ActivityView = z.object({
  description: z.string(), responsible: ResponsibleView, dueOn: z.string(), done: z.boolean(),
});
export type ActivityView = z.infer<typeof ActivityView>;

export const GoalView = z.object({
  goalKey: z.string(),
  title: z.string(),
  concernsPersonId: z.string().nullable(),
  concernsName: z.string().nullable(),
  horizon: GoalHorizon,
  specific: z.string(),
  measurable: z.string(),
  accepted: z.string(),
  realistic: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  evaluation: z.string(),
  familyWords: z.string().nullable(),
  professionalAssessment: z.string().nullable(),
  status: GoalStatus,
  statusNote: z.string().nullable(),
  visibility: VisibilityField,
  statusMeetingId: z.string().nullable(),
  owners: z.array(ResponsibleView),
  measures: z.array(z.object({ id: z.string(), label: z.string(), description: z.string() })),
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  activities: z.array(ActivityView),
});
export type GoalView = z.infer<typeof GoalView>;

export const AgreementView = z.object({
  agreedOn: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  parties: z.array(z.object({ kind: z.enum(['person', 'user']), id: z.string(), name: z.string(), familyMember: z.boolean() })),
});
export type AgreementView = z.infer<typeof AgreementView>;

export const VersionSummary = z.object({
  number: z.number().int(),
  basedOn: z.number().int().nullable(),
  reason: z.string(),
  meetingId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  state: z.enum(['draft', 'agreed']),
  agreedOn: z.string().nullable(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

export const PlanVersionView = VersionSummary.extend({
  latest: z.boolean(),
  agreement: AgreementView.nullable(),
  goals: z.array(GoalView),
});
export type PlanVersionView = z.infer<typeof PlanVersionView>;

/** What the plan page needs: the family, the shown version, all versions, the children's voice, and abilities. */
export const PlanView = z.object({
  familyId: z.string(),
  familyName: z.string(),
  planId: z.string().nullable(),
  latestVersion: z.number().int().nullable(),
  latestAgreedVersion: z.number().int().nullable(),
  version: PlanVersionView.nullable(),
  versions: z.array(VersionSummary),
  members: z.array(z.object({ personId: z.string(), name: z.string(), relation: z.string() })),
  measures: z.array(z.object({ id: z.string(), label: z.string(), description: z.string() })),
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  staff: z.array(z.object({ userId: z.string(), name: z.string() })),
  meetings: z.array(z.object({ id: z.string(), type: z.string(), scheduledAt: z.string() })),
  childVoice: z.array(ChildVoiceSummary),
  accessReason: z.string(),
  abilities: Abilities,
});
export type PlanView = z.infer<typeof PlanView>;

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const PlanDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  added: z.array(z.object({ goalKey: z.string(), title: z.string() })),
  removed: z.array(z.object({ goalKey: z.string(), title: z.string() })),
  changed: z.array(z.object({ goalKey: z.string(), title: z.string(), changes: z.array(FieldChange) })),
  unchanged: z.array(z.object({ goalKey: z.string(), title: z.string() })),
});
export type PlanDiff = z.infer<typeof PlanDiff>;
