import { unprocessable } from '../../platform/http/errors.js';
import type { Cadence } from '../cadence/rules.js';
import type { MeetingType } from '../meeting/schema.js';
import { stepsOf, type NextActionKey, type StepDefinition } from './steps.js';

/**
 * Derives the guided flow of a case from what was recorded: held meetings, flow records, the core team, the joint
 * plan. Pure: the commands load the facts, this decides every step's state and the next action.
 */

export type StepState = 'done' | 'current' | 'upcoming' | 'skipped';

export interface FlowFacts {
  model: 'efei' | 'sof';
  status: 'open' | 'in_operation' | 'ordinary_operation' | 'closed';
  openedOn: string;
  hasLead: boolean;
  /** When the first current core-team member was added; null while the case has no core team. */
  coreTeamFormedOn: string | null;
  /** Held (closed) meetings, oldest first; heldAt is the meeting's start (ISO instant). */
  meetings: Array<{ type: MeetingType; heldAt: string; nextMeetingOn: string | null }>;
  records: Array<{ round: number; kind: 'skipped' | 'information_gathered' | 'information_shared'; step: string; text: string; recordedAt: string }>;
  /** Explicitly started rounds (number ≥ 2), any order. */
  rounds: Array<{ number: number; startedAt: string; reason: string }>;
  plan: { agreedAt: string | null; version: number | null };
  /** SOF's follow-up cadence from the case's measures (001:753-771). */
  cadence: Cadence;
  /**
   * The next follow-up (SOF) or status meeting (EFEI) by the time rules of cadence/rules.ts (followUpPlan), the one
   * source the worklist, "Mine familier" and the annual wheel use too; null when nothing is due.
   */
  followUpDueOn: string | null;
}

export interface DerivedStep {
  key: string;
  number: number | null;
  source: string;
  state: StepState;
  repeatable: boolean;
  skippable: boolean;
  /** When the fact that made the step done was recorded (meeting start, record time, plan agreement). */
  doneAt: string | null;
  skipReason: string | null;
}

export interface NextAction {
  key: NextActionKey;
  step: string;
  /** For the loop: the agreed next meeting date (000:677-680) or SOF's next follow-up due date (001:753-771). */
  dueOn: string | null;
}

export interface DerivedFlow {
  round: number;
  roundStartedAt: string | null;
  steps: DerivedStep[];
  nextAction: NextAction | null;
}

/** The current EFEI round: round 1 from the case's start, later rounds as started (000:190-191 "Sagsskridt 2-7 gentages ved behov"). */
export function currentRound(rounds: FlowFacts['rounds']): { number: number; startedAt: string | null } {
  const latest = [...rounds].sort((a, b) => b.number - a.number)[0];
  return latest ? { number: latest.number, startedAt: latest.startedAt } : { number: 1, startedAt: null };
}

const laterThan = (start: string | null) => (at: string) => start === null || Date.parse(at) >= Date.parse(start);

function factOf(step: StepDefinition, facts: FlowFacts, round: { number: number; startedAt: string | null }): { done: string | null; skipped: string | null } {
  // Repeatable steps count the facts of the current round only; the others count every fact.
  const inScope = laterThan(step.repeatable ? round.startedAt : null);
  const roundNumber = step.repeatable ? round.number : null;
  const fact = step.fact;
  let done: string | null = null;
  switch (fact.kind) {
    case 'lead_and_core_team':
      done = facts.hasLead ? facts.coreTeamFormedOn : null;
      break;
    case 'meeting': {
      const held = facts.meetings.filter((m) => fact.types.includes(m.type) && inScope(m.heldAt));
      done = held[0]?.heldAt ?? null;
      break;
    }
    case 'record': {
      const recorded = facts.records.filter((r) => r.kind === fact.record && (roundNumber === null || r.round === roundNumber));
      done = recorded[0]?.recordedAt ?? null;
      break;
    }
    case 'plan_agreed':
      done = facts.plan.agreedAt && inScope(facts.plan.agreedAt) ? facts.plan.agreedAt : null;
      break;
    case 'operation':
      done = null;
      break;
  }
  const skip = step.skippable && !done
    ? facts.records.find((r) => r.kind === 'skipped' && r.step === step.key && (roundNumber === null || r.round === roundNumber))
    : undefined;
  return { done, skipped: skip?.text ?? null };
}

/** The flow of one case: each step done / skipped / current / upcoming, and the one next action. */
export function deriveFlow(facts: FlowFacts): DerivedFlow {
  const definitions = stepsOf[facts.model];
  const round = facts.model === 'efei' ? currentRound(facts.rounds) : { number: 1, startedAt: null };
  let currentFound = false;
  const steps: DerivedStep[] = definitions.map((step) => {
    const { done, skipped } = factOf(step, facts, round);
    let state: StepState;
    if (done) state = 'done';
    else if (skipped) state = 'skipped';
    else if (step.fact.kind === 'operation' && facts.status !== 'open' && facts.status !== 'in_operation') {
      // 000:205-211: the case moved on to ordinary operation (or was closed): close coordination is no longer needed.
      state = 'done';
    } else if (!currentFound) {
      state = 'current';
      currentFound = true;
    } else state = 'upcoming';
    return {
      key: step.key, number: step.number, source: step.source, state, repeatable: step.repeatable, skippable: step.skippable,
      doneAt: done, skipReason: state === 'skipped' ? skipped : null,
    };
  });
  return { round: round.number, roundStartedAt: round.startedAt, steps, nextAction: nextActionOf(facts, steps, definitions) };
}

function nextActionOf(facts: FlowFacts, steps: DerivedStep[], definitions: readonly StepDefinition[]): NextAction | null {
  if (facts.status === 'closed') return null;
  const index = steps.findIndex((s) => s.state === 'current');
  if (index < 0) return null;
  const step = definitions[index]!;
  if (step.fact.kind === 'lead_and_core_team') {
    return { key: facts.hasLead ? 'form_core_team' : 'assign_coordinator', step: step.key, dueOn: null };
  }
  if (step.fact.kind !== 'operation') return { key: step.nextAction, step: step.key, dueOn: null };
  // SOF: the next follow-up at the fixed cadence (001:753-771). EFEI: the next case meeting — the date agreed at the
  // last meeting (000:677-680), else the municipality's status-meeting cadence (000:176-177, 003:61-66).
  if (facts.model === 'sof') return { key: 'hold_follow_up', step: step.key, dueOn: facts.followUpDueOn };
  const lastHeld = facts.meetings[facts.meetings.length - 1];
  return { key: 'hold_status_meeting', step: step.key, dueOn: lastHeld?.nextMeetingOn ?? facts.followUpDueOn };
}

/** EFEI only: rounds and flow records belong to EFEI's numbered steps (000:139-210). */
export function checkEfei(model: 'efei' | 'sof'): void {
  if (model !== 'efei') {
    throw unprocessable('not_efei', 'Rounds and step records belong to the EFEI flow; an SOF case follows its meetings.', []);
  }
}

/**
 * 000:190-191 "Sagsskridt 2-7 gentages ved behov" stands under "Sag i drift": a new round of steps 2-7 starts once the
 * current round has reached its joint plan (step 7), with a reason.
 */
export function checkNewRound(flow: DerivedFlow): void {
  const plan = flow.steps.find((s) => s.key === 'joint_plan');
  if (plan?.state !== 'done') {
    throw unprocessable('round_in_progress', 'Steps 2-7 are repeated once the current round has an agreed joint plan (000:190-191).', [
      { field: 'reason', code: 'round_in_progress', message: 'Finish the current round with an agreed joint plan first (000:190-191).' },
    ]);
  }
}

/**
 * What a flow record may say: information gathered (step 3) or shared (step 5), or the optional analysis meeting
 * (step 4, "Eventuelt", 000:153-156) skipped with its reason — not after one was held in this round.
 */
export function checkRecord(kind: 'skipped' | 'information_gathered' | 'information_shared', flow: DerivedFlow): string {
  const step = kind === 'skipped' ? 'analysis_meeting' : kind === 'information_gathered' ? 'information_gathering' : 'information_sharing';
  const state = flow.steps.find((s) => s.key === step)?.state;
  if (kind === 'skipped' && (state === 'done' || state === 'skipped')) {
    throw unprocessable('step_already_done', 'The analysis meeting of this round was already held or skipped.', [
      { field: 'kind', code: 'step_already_done', message: 'The analysis meeting of this round was already held or skipped.' },
    ]);
  }
  return step;
}
