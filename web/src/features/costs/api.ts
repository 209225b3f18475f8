import { api } from '../../api/client';
import type { Abilities } from '../../api/types';

/** Shared financing, cost reports and the expense analysis as the API sends them (src/modules/financing, src/modules/cost-report). */
export const expenseCategories = ['preventive', 'placement', 'extra_costs', 'lost_earnings', 'coordinator_salary', 'other'] as const;
export type ExpenseCategory = (typeof expenseCategories)[number];
export type FinancingStatus = 'proposed' | 'agreed' | 'disputed';

export interface FinancingShare { departmentId: string; departmentName: string; validFrom: string; validTo: string | null; shareBp: number }
export interface FinancingVersion {
  versionNo: number; status: FinancingStatus; reason: string; disputeReason: string | null; createdBy: string | null; createdAt: string; shares: FinancingShare[];
}
export interface MeasureFinancing {
  measureId: string; caseId: string; legalBasisLabel: string; measureDepartmentId: string; granted: boolean; defaultPayerDepartmentId: string | null;
  current: FinancingVersion | null; proposal: FinancingShare[] | null; history: FinancingVersion[]; departments: Array<{ id: string; name: string }>;
  abilities: Abilities;
}
export interface ShareInput { departmentId: string; validFrom: string; validTo: string | null; shareBp: number }

export type ReportGrouping = 'department' | 'family' | 'category' | 'month' | 'quarter';
export interface CostReport { by: ReportGrouping; from: string; to: string; rows: Array<{ key: string; label: string; amountOre: number }>; totalOre: number }

interface Cell { amountOre: number; children: number; perChildOre: number }
export interface ExpenseAnalysis {
  group: 'efei' | 'sof' | 'all'; splitOn: string; from: string; to: string;
  quarters: Array<{ quarter: string; side: 'before' | 'after'; groupSize: number; categories: Record<ExpenseCategory, Cell>; totalOre: number; totalPerChildOre: number }>;
  summary: Array<{
    category: ExpenseCategory | 'total'; beforeOre: number | null; afterOre: number | null; beforePerChildOre: number | null; afterPerChildOre: number | null;
    changePercent: number | null;
  }>;
}
export interface FamilyCosts {
  familyId: string; from: string; to: string; totalOre: number;
  byDepartment: Array<{ departmentId: string; departmentName: string; amountOre: number }>;
  byCategory: Array<{ category: ExpenseCategory; amountOre: number }>;
  byMeasure: Array<{ measureId: string | null; legalBasisLabel: string | null; amountOre: number; financingStatus: FinancingStatus | null }>;
  abilities: Abilities;
}

const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString();

export const costsApi = {
  financing: (measureId: string) => api.get<MeasureFinancing>(`/measures/${encodeURIComponent(measureId)}/financing`),
  propose: (measureId: string, input: { shares: ShareInput[]; reason: string; basedOnVersion: number }) =>
    api.post<MeasureFinancing>(`/measures/${encodeURIComponent(measureId)}/financing/versions`, input),
  decide: (measureId: string, input: { status: 'agreed' | 'disputed'; reason: string; basedOnVersion: number }) =>
    api.post<MeasureFinancing>(`/measures/${encodeURIComponent(measureId)}/financing/status`, input),
  report: (params: { by: ReportGrouping; from?: string; to?: string }) => api.get<CostReport>(`/reports/costs?${query(params)}`),
  reportCsvUrl: (params: { by: ReportGrouping; from?: string; to?: string }) => `/api/reports/costs?${query({ ...params, format: 'csv' })}`,
  expenses: (params: { group: string; splitOn: string; from?: string; to?: string }) => api.get<ExpenseAnalysis>(`/reports/expenses?${query(params)}`),
  expensesCsvUrl: (params: { group: string; splitOn: string; from?: string; to?: string }) => `/api/reports/expenses?${query({ ...params, format: 'csv' })}`,
  family: (familyId: string) => api.get<FamilyCosts>(`/families/${encodeURIComponent(familyId)}/costs`),
};

/** Øre as "1.234,50 kr." (da) / "DKK 1,234.50" (en); exact: integer øre divided once for display. */
export function formatOre(ore: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'da-DK', { style: 'currency', currency: 'DKK', minimumFractionDigits: 2 }).format(ore / 100);
}

/** Basis points as "60 %" / "33,33 %". */
export function formatShare(bp: number, language: string): string {
  return `${new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'da-DK', { maximumFractionDigits: 2 }).format(bp / 100)} %`;
}
