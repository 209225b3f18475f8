import { z } from 'zod';
import { Id, RequiredText, Version } from '../../platform/http/fields.js';

/** The leader dashboard (issue 9 items 1, 2, 8): caseload, follow-up compliance, escalations, drill-down, exports. */

const Figures = {
  counted: z.number().int(), onTime: z.number().int(), late: z.number().int(), overdue: z.number().int(), share: z.number().nullable(),
};

export const CoordinatorLoadView = z.object({
  userId: z.string().uuid(), name: z.string(), hasAuthority: z.boolean(), cases: z.number().int(), efei: z.number().int(), sof: z.number().int(),
  complex: z.number().int(), weighted: z.number(), status: z.enum(['under', 'within', 'over']), otherDepartments: z.number().int(),
});

export const OverdueRow = z.object({
  caseId: z.string().uuid(), caseNumber: z.string(), childName: z.string(), familyName: z.string(), dueOn: z.string(), daysOverdue: z.number().int(),
  leadUserId: z.string().uuid().nullable(), leadName: z.string().nullable(), escalated: z.boolean(),
});

export const DashboardView = z.object({
  departmentId: z.string().uuid(),
  departmentName: z.string(),
  today: z.string(),
  settings: z.object({
    caseloadTarget: z.object({ min: z.number(), max: z.number() }),
    caseloadWeights: z.object({ efei: z.number(), sof: z.number(), complex: z.number() }),
    escalationAfterDays: z.number().int(),
  }),
  caseload: z.object({
    coordinators: z.array(CoordinatorLoadView),
    suggestion: z.object({ efei: z.string().uuid().nullable(), sof: z.string().uuid().nullable() }),
    history: z.array(z.object({ month: z.string(), on: z.string(), total: z.number().int(), weightedAverage: z.number().nullable(), perUser: z.record(z.string(), z.number().int()) })),
  }),
  compliance: z.object({
    team: z.object(Figures),
    coordinators: z.array(z.object({ userId: z.string().uuid().nullable(), name: z.string().nullable(), ...Figures })),
    trend: z.array(z.object({ month: z.string(), ...Figures })),
  }),
  /** The oldest overdue follow-ups (at most 50); `overdueTotal` counts them all (the list behind the figure has all). */
  overdue: z.array(OverdueRow),
  overdueTotal: z.number().int(),
  escalations: z.object({ open: z.number().int() }),
});
export type DashboardView = z.infer<typeof DashboardView>;

export const caseFilters = ['caseload', 'overdue', 'on_time', 'late', 'due', 'escalated'] as const;
export const LeaderCasesQuery = z.object({
  filter: z.enum(caseFilters),
  userId: Id.optional(),
  /** YYYY-MM: only due dates in that month (compliance filters). */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month_format: Use a month like 2026-11.').optional(),
  /** 'none': episodes without a lead (compliance filters). */
  unassigned: z.enum(['true']).optional(),
});
export type LeaderCasesQuery = z.infer<typeof LeaderCasesQuery>;

export const LeaderCaseRow = z.object({
  caseId: z.string().uuid(), caseNumber: z.string(), childName: z.string(), familyName: z.string(), model: z.enum(['efei', 'sof']),
  dueOn: z.string().nullable(), heldOn: z.string().nullable(), outcome: z.enum(['on_time', 'late', 'overdue', 'pending']).nullable(),
  leadUserId: z.string().uuid().nullable(), leadName: z.string().nullable(),
});
export const LeaderCases = z.object({
  filter: z.enum(caseFilters), userId: z.string().uuid().nullable(), userName: z.string().nullable(), month: z.string().nullable(),
  cases: z.array(LeaderCaseRow),
  /** Cases behind the figure that belong to another department (counted in a caseload, not shown to this leader). */
  hiddenCount: z.number().int(),
});
export type LeaderCases = z.infer<typeof LeaderCases>;

export const reports = ['caseload', 'compliance', 'overdue', 'cases'] as const;
export const ExportQuery = LeaderCasesQuery.partial({ filter: true }).extend({ report: z.enum(reports) });
export type ExportQuery = z.infer<typeof ExportQuery>;

export const EscalationView = z.object({
  id: z.string().uuid(), caseId: z.string().uuid(), caseNumber: z.string(), childName: z.string(), dueOn: z.string(), escalatedOn: z.string(),
  daysOverdue: z.number().int(), overdueDaysSetting: z.number().int(), teamLeaderUserId: z.string().uuid(), teamLeaderName: z.string(),
  leadName: z.string().nullable(), resolvedAt: z.string().nullable(), resolvedByName: z.string().nullable(),
  resolution: z.enum(['follow_up_held', 'no_longer_due', 'manual']).nullable(), resolutionNote: z.string().nullable(), version: z.number().int(),
});
export type EscalationView = z.infer<typeof EscalationView>;
export const EscalationList = z.object({ escalations: z.array(EscalationView), open: z.number().int() });
export type EscalationList = z.infer<typeof EscalationList>;
export const EscalationCount = z.object({ open: z.number().int(), mine: z.number().int() });

export const EscalationResolveInput = z.object({ note: RequiredText(4000), version: Version });
export type EscalationResolveInput = z.infer<typeof EscalationResolveInput>;
