import { z } from 'zod';
import { Abilities, Id, Version } from '../../platform/http/fields.js';

/** The fidelity status measurement (issue 9 item 7 = issue 10 item 6): input, output and views. */

export const AnswerInput = z.object({
  questionKey: z.string().trim().min(1, 'required: Say which question is answered.').max(80),
  // The 1-6 range is checked in rules.ts (checkAnswers) so the refusal names the answer and the rule.
  score: z.number({ error: 'out_of_range: A score is a whole number from 1 to 6.' }),
});

export const StatusMeasurementInput = z.object({
  answers: z.array(AnswerInput).max(60),
});
export type StatusMeasurementInput = z.infer<typeof StatusMeasurementInput>;

export const StatusMeasurementUpdate = z.object({
  answers: z.array(AnswerInput).max(60),
  version: Version,
});
export type StatusMeasurementUpdate = z.infer<typeof StatusMeasurementUpdate>;

export const RaterInput = z.object({ userId: Id });
export type RaterInput = z.infer<typeof RaterInput>;

const Question = z.object({ key: z.string(), da: z.string(), en: z.string(), wording: z.enum(['tovholder', 'source']), source: z.string() });
const Element = z.object({ key: z.string(), number: z.number().int(), nameDa: z.string(), nameEn: z.string(), source: z.string(), questions: z.array(Question) });
export const DefinitionView = z.object({ model: z.string(), version: z.number().int(), elements: z.array(Element) });

const Answer = z.object({ questionKey: z.string(), elementKey: z.string(), score: z.number().int() });

export const MeasurementView = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  quarter: z.string(),
  model: z.string(),
  definitionVersion: z.number().int(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  answers: z.array(Answer),
  /** Per element: the mean of its questions in this measurement. */
  elementMeans: z.array(z.object({ elementKey: z.string(), mean: z.number().nullable() })),
  abilities: Abilities,
});
export type MeasurementView = z.infer<typeof MeasurementView>;

export const QuarterDueView = z.object({ quarter: z.string(), opensOn: z.string(), remindFrom: z.string(), dueBy: z.string() });

export const CaseStatusMeasurementView = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  childName: z.string(),
  model: z.string(),
  due: QuarterDueView,
  /** Null for a case whose model has no questionnaire (e.g. a case under today's law only). */
  definition: DefinitionView.nullable(),
  scale: z.object({ min: z.number(), max: z.number(), labels: z.record(z.string(), z.record(z.string(), z.string())) }),
  /** The caller's own measurement of this quarter, if made. */
  current: MeasurementView.nullable(),
  /** The caller's own earlier measurements of this case (raters see their own entries only). */
  history: z.array(MeasurementView),
  /** The case's key staff and whether each has rated this quarter (no scores). */
  raters: z.array(z.object({ userId: z.string(), name: z.string(), relation: z.string(), rated: z.boolean() })),
  abilities: z.object({ canRate: z.boolean(), canAddRaters: z.boolean() }),
});
export type CaseStatusMeasurementView = z.infer<typeof CaseStatusMeasurementView>;

export const MyStatusMeasurements = z.object({
  due: QuarterDueView,
  /** Open cases the caller rates and has not rated this quarter. */
  toRate: z.array(z.object({ caseId: z.string(), caseNumber: z.string(), model: z.string() })),
  measurements: z.array(MeasurementView.omit({ answers: true })),
  abilities: z.object({ canSeeResults: z.boolean() }),
});
export type MyStatusMeasurements = z.infer<typeof MyStatusMeasurements>;

export const ResultsQuery = z.object({
  model: z.enum(['efei', 'sof']).optional(),
  fromQuarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'quarter_invalid: A quarter is written like 2026-Q4.').optional(),
  toQuarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'quarter_invalid: A quarter is written like 2026-Q4.').optional(),
});
export type ResultsQuery = z.infer<typeof ResultsQuery>;

const ElementResult = z.object({ elementKey: z.string(), mean: z.number().nullable(), n: z.number().int(), lowest: z.boolean() });

export const ResultsView = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  models: z.array(z.object({
    model: z.string(),
    definition: DefinitionView,
    quarters: z.array(z.object({
      quarter: z.string(), n: z.number().int(), cases: z.number().int(), elements: z.array(ElementResult), lowestElementKeys: z.array(z.string()),
    })),
    /** The lowest-scoring element(s) of the latest quarter with results: the one to discuss. */
    latestLowestElementKeys: z.array(z.string()),
  })),
  reference: z.object({
    label: z.object({ da: z.string(), en: z.string() }),
    waves: z.array(z.object({ key: z.string(), quarter: z.string() })),
    levels: z.array(z.object({
      model: z.string(), figureLabel: z.string(), elementKey: z.string().nullable(), baseline: z.number(), midway: z.number(), end: z.number(), source: z.string(),
    })),
  }),
});
export type ResultsView = z.infer<typeof ResultsView>;
