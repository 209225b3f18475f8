import { api } from '../../api/client';
import type { Abilities } from '../../api/types';

/** The fidelity status measurement as the API sends it (src/modules/status-measurement/schema.ts). */
export interface Question { key: string; da: string; en: string; wording: 'tovholder' | 'source'; source: string }
export interface CoreElement { key: string; number: number; nameDa: string; nameEn: string; source: string; questions: Question[] }
export interface Definition { model: string; version: number; elements: CoreElement[] }
export interface Answer { questionKey: string; elementKey: string; score: number }
export interface Measurement {
  id: string; caseId: string; caseNumber: string; quarter: string; model: string; definitionVersion: number; submittedAt: string; updatedAt: string;
  version: number; answers: Answer[]; elementMeans: Array<{ elementKey: string; mean: number | null }>; abilities: Abilities;
}
export interface QuarterDue { quarter: string; opensOn: string; remindFrom: string; dueBy: string }
export interface CaseStatusMeasurement {
  caseId: string; caseNumber: string; childName: string; model: string; due: QuarterDue; definition: Definition | null;
  scale: { min: number; max: number; labels: Record<string, Record<string, string>> };
  current: Measurement | null; history: Measurement[];
  raters: Array<{ userId: string; name: string; relation: string; rated: boolean }>;
  abilities: { canRate: boolean; canAddRaters: boolean };
}
export interface MyStatusMeasurements {
  due: QuarterDue; toRate: Array<{ caseId: string; caseNumber: string; model: string }>;
  measurements: Array<Omit<Measurement, 'answers'>>; abilities: { canSeeResults: boolean };
}
export interface ElementResult { elementKey: string; mean: number | null; n: number; lowest: boolean }
export interface QuarterResult { quarter: string; n: number; cases: number; elements: ElementResult[]; lowestElementKeys: string[] }
export interface ReferenceLevel { model: string; figureLabel: string; elementKey: string | null; baseline: number; midway: number; end: number; source: string }
export interface StatusMeasurementResults {
  departmentId: string; departmentName: string;
  models: Array<{ model: string; definition: Definition; quarters: QuarterResult[]; latestLowestElementKeys: string[] }>;
  reference: { label: { da: string; en: string }; waves: Array<{ key: string; quarter: string }>; levels: ReferenceLevel[] };
}

export const statusMeasurementApi = {
  forCase: (caseId: string) => api.get<CaseStatusMeasurement>(`/cases/${encodeURIComponent(caseId)}/status-measurement`),
  submit: (caseId: string, answers: Array<{ questionKey: string; score: number }>) =>
    api.post<Measurement>(`/cases/${encodeURIComponent(caseId)}/status-measurements`, { answers }),
  update: (id: string, answers: Array<{ questionKey: string; score: number }>, version: number) =>
    api.patch<Measurement>(`/status-measurements/${encodeURIComponent(id)}`, { answers, version }),
  addRater: (caseId: string, userId: string) =>
    api.post<CaseStatusMeasurement>(`/cases/${encodeURIComponent(caseId)}/status-measurement/raters`, { userId }),
  mine: () => api.get<MyStatusMeasurements>('/status-measurements/mine'),
  results: () => api.get<StatusMeasurementResults>('/status-measurements/results'),
};
