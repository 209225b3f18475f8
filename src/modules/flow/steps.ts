import type { MeetingType } from '../meeting/schema.js';

/**
 * The two models' case flows as data. Each step says which recorded fact makes it done; rules.ts derives the state of
 * every step from those facts, so no step is ever a bare checkbox.
 */

export type FlowFact =
  /** EFEI step 1: a family coordinator is assigned and the core team has at least one member. */
  | { kind: 'lead_and_core_team' }
  /** A meeting of one of these types was held (closed) — in the current round for repeatable steps. */
  | { kind: 'meeting'; types: readonly MeetingType[] }
  /** A flow record with content (what was gathered or shared, from and with whom) in the current round. */
  | { kind: 'record'; record: 'information_gathered' | 'information_shared' }
  /** The family's joint plan is agreed (its latest agreed version), in the current round for repeatable steps. */
  | { kind: 'plan_agreed' }
  /** The ongoing loop once the plan is in place: never "done" while the case needs close coordination. */
  | { kind: 'operation' };

export type NextActionKey =
  | 'assign_coordinator' | 'form_core_team' | 'hold_assessment_meeting' | 'record_information_gathered' | 'hold_or_skip_analysis_meeting'
  | 'record_information_shared' | 'hold_summary_meeting' | 'agree_joint_plan' | 'hold_status_meeting'
  | 'hold_start_conversation' | 'hold_child_conversation' | 'agree_goals_and_roles' | 'hold_network_meeting' | 'hold_follow_up';

export interface StepDefinition {
  key: string;
  /** The step's number in the model's own figure; null for the loop after the numbered steps. */
  number: number | null;
  /** Where the seeds describe the step. */
  source: string;
  fact: FlowFact;
  /** EFEI steps 2-7 are repeated when needed: their facts count in the current round only. */
  repeatable: boolean;
  /** May be skipped with a recorded reason (EFEI step 4, "Eventuelt tværfagligt … analysemøde"). */
  skippable: boolean;
  nextAction: NextActionKey;
}

/** EFEI's seven steps and the "in operation" loop (000:139-210; models.md "Case flow, EFEI"). */
export const efeiSteps: readonly StepDefinition[] = [
  { key: 'assign_and_form_core_team', number: 1, source: '000:141-145', fact: { kind: 'lead_and_core_team' }, repeatable: false, skippable: false, nextAction: 'form_core_team' },
  { key: 'assessment', number: 2, source: '000:147-150, 000:648-650', fact: { kind: 'meeting', types: ['assessment_meeting'] }, repeatable: true, skippable: false, nextAction: 'hold_assessment_meeting' },
  { key: 'information_gathering', number: 3, source: '000:152-153', fact: { kind: 'record', record: 'information_gathered' }, repeatable: true, skippable: false, nextAction: 'record_information_gathered' },
  { key: 'analysis_meeting', number: 4, source: '000:153-156, 000:681-686', fact: { kind: 'meeting', types: ['analysis_meeting'] }, repeatable: true, skippable: true, nextAction: 'hold_or_skip_analysis_meeting' },
  { key: 'information_sharing', number: 5, source: '000:158-159', fact: { kind: 'record', record: 'information_shared' }, repeatable: true, skippable: false, nextAction: 'record_information_shared' },
  { key: 'summary_meeting', number: 6, source: '000:161', fact: { kind: 'meeting', types: ['summary_meeting'] }, repeatable: true, skippable: false, nextAction: 'hold_summary_meeting' },
  { key: 'joint_plan', number: 7, source: '000:163, 000:736-760', fact: { kind: 'plan_agreed' }, repeatable: true, skippable: false, nextAction: 'agree_joint_plan' },
  { key: 'in_operation', number: null, source: '000:176-211', fact: { kind: 'operation' }, repeatable: false, skippable: false, nextAction: 'hold_status_meeting' },
];

/** SOF's course (001:155-187; models.md "Case flow, SOF"). */
export const sofSteps: readonly StepDefinition[] = [
  { key: 'start_conversation', number: 1, source: '001:156-159', fact: { kind: 'meeting', types: ['start_conversation'] }, repeatable: false, skippable: false, nextAction: 'hold_start_conversation' },
  { key: 'child_perspective', number: 2, source: '001:161-163', fact: { kind: 'meeting', types: ['child_conversation'] }, repeatable: false, skippable: false, nextAction: 'hold_child_conversation' },
  // Goals with responsibility and roles split between family and caseworker live in the joint plan (goal owners).
  { key: 'mapping', number: 3, source: '001:168-171, 001:395-400', fact: { kind: 'plan_agreed' }, repeatable: false, skippable: false, nextAction: 'agree_goals_and_roles' },
  { key: 'network_meeting', number: 4, source: '001:165-166, 001:525-530', fact: { kind: 'meeting', types: ['network_meeting'] }, repeatable: false, skippable: false, nextAction: 'hold_network_meeting' },
  { key: 'follow_up', number: 5, source: '001:173-180, 001:753-771', fact: { kind: 'operation' }, repeatable: false, skippable: false, nextAction: 'hold_follow_up' },
];

export const stepsOf = { efei: efeiSteps, sof: sofSteps } as const;

/** The "in operation" activities EFEI lists beside the loop (000:176-199), shown with the step. */
export const efeiOperationActivities = [
  'case_meetings_fixed_cadence', 'ongoing_information', 'frequent_contact', 'plan_follow_up', 'repeat_steps_2_7',
] as const;
