import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import type { MeetingType } from '../meeting/schema.js';
import { checkNewRound, checkRecord, deriveFlow, type FlowFacts } from './rules.js';
import { efeiSteps, sofSteps } from './steps.js';

/** The guided flow derived from recorded facts, for both models (000:139-210, 001:155-187). */

const base = (overrides: Partial<FlowFacts> = {}): FlowFacts => ({
  model: 'efei', status: 'open', openedOn: '2026-03-02', hasLead: true, coreTeamFormedOn: '2026-03-02',
  meetings: [], records: [], rounds: [], plan: { agreedAt: null, version: null },
  cadence: { kind: 'three_months', months: 3, reason: 'compensation_only' }, followUpDueOn: null,
  ...overrides,
});
const held = (type: MeetingType, heldAt: string, nextMeetingOn: string | null = null) => ({ type, heldAt, nextMeetingOn });
const states = (facts: FlowFacts) => Object.fromEntries(deriveFlow(facts).steps.map((s) => [s.key, s.state]));
const codeOf = (work: () => unknown): string | null => {
  try {
    work();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
};

/** An EFEI case through a whole first round: every step's fact recorded. */
const wholeRound: Partial<FlowFacts> = {
  meetings: [held('assessment_meeting', '2026-03-10T09:00:00Z'), held('analysis_meeting', '2026-03-20T09:00:00Z'), held('summary_meeting', '2026-04-01T09:00:00Z', '2026-05-01')],
  records: [
    { round: 1, kind: 'information_gathered', step: 'information_gathering', text: 'Udtalelse fra PPR og skole', recordedAt: '2026-03-15T10:00:00Z' },
    { round: 1, kind: 'information_shared', step: 'information_sharing', text: 'Delt med kerneteamet', recordedAt: '2026-03-25T10:00:00Z' },
  ],
  plan: { agreedAt: '2026-04-02T10:00:00Z', version: 1 },
};

describe('the steps as data', () => {
  it('EFEI has the seven numbered steps and the in-operation loop; steps 2-7 are repeatable; only step 4 can be skipped (000:139-210)', () => {
    expect(efeiSteps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, null]);
    expect(efeiSteps.filter((s) => s.repeatable).map((s) => s.number)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(efeiSteps.filter((s) => s.skippable).map((s) => s.key)).toEqual(['analysis_meeting']);
  });

  it('SOF runs start conversation → child conversation/observation → mapping → network meetings → follow-up (001:155-187)', () => {
    expect(sofSteps.map((s) => s.key)).toEqual(['start_conversation', 'child_perspective', 'mapping', 'network_meeting', 'follow_up']);
  });
});

describe('EFEI flow derived from facts', () => {
  it('a new case without a core team: step 1 is current with "form the core team", everything else upcoming', () => {
    const flow = deriveFlow(base({ coreTeamFormedOn: null }));
    expect(flow.steps.map((s) => s.state)).toEqual(['current', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(flow.nextAction).toEqual({ key: 'form_core_team', step: 'assign_and_form_core_team', dueOn: null });
    expect(deriveFlow(base({ hasLead: false, coreTeamFormedOn: null })).nextAction?.key).toBe('assign_coordinator');
  });

  it('with a coordinator and a core team step 1 is done and the assessment meeting with the family is next (000:648-650)', () => {
    const flow = deriveFlow(base());
    expect(flow.steps[0]).toMatchObject({ state: 'done', doneAt: '2026-03-02' });
    expect(flow.steps[1]!.state).toBe('current');
    expect(flow.nextAction?.key).toBe('hold_assessment_meeting');
  });

  it('a planned meeting is no fact: only held meetings make a step done', () => {
    // The facts list only held (closed) meetings; without them the assessment is still current.
    expect(states(base({ meetings: [] })).assessment).toBe('current');
    expect(states(base({ meetings: [held('assessment_meeting', '2026-03-10T09:00:00Z')] })).assessment).toBe('done');
  });

  it('a meeting of another type does not count for a step (a status meeting is no assessment)', () => {
    expect(states(base({ meetings: [held('status_meeting', '2026-03-10T09:00:00Z')] })).assessment).toBe('current');
  });

  it('step 4 skipped with its reason is "skipped", and the flow moves on to step 5', () => {
    const flow = deriveFlow(base({
      meetings: [held('assessment_meeting', '2026-03-10T09:00:00Z')],
      records: [
        { round: 1, kind: 'information_gathered', step: 'information_gathering', text: 'Fra skolen', recordedAt: '2026-03-12T09:00:00Z' },
        { round: 1, kind: 'skipped', step: 'analysis_meeting', text: 'Sagen er belyst; intet behov for analysemøde.', recordedAt: '2026-03-13T09:00:00Z' },
      ],
    }));
    expect(flow.steps[3]).toMatchObject({ key: 'analysis_meeting', state: 'skipped', skipReason: 'Sagen er belyst; intet behov for analysemøde.' });
    expect(flow.nextAction?.key).toBe('record_information_shared');
  });

  it('facts out of order: the earliest missing step is current, later recorded steps stay done', () => {
    const s = states(base({ meetings: [held('summary_meeting', '2026-03-10T09:00:00Z')] }));
    expect(s).toMatchObject({ assessment: 'current', summary_meeting: 'done', information_gathering: 'upcoming' });
  });

  it('step 7 is done when the joint plan is agreed; then "in operation" is current with the next meeting date agreed at the last meeting (000:677-680)', () => {
    const flow = deriveFlow(base(wholeRound));
    expect(flow.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done', 'current']);
    expect(flow.steps[6]!.doneAt).toBe('2026-04-02T10:00:00Z');
    expect(flow.nextAction).toEqual({ key: 'hold_status_meeting', step: 'in_operation', dueOn: '2026-05-01' });
  });

  it('in operation without an agreed next date, the municipality\'s status-meeting cadence gives the date', () => {
    const lastWithoutDate = wholeRound.meetings!.map((m, i, all) => (i === all.length - 1 ? { ...m, nextMeetingOn: null } : m));
    const flow = deriveFlow(base({ ...wholeRound, meetings: lastWithoutDate, followUpDueOn: '2026-05-28' }));
    expect(flow.nextAction).toEqual({ key: 'hold_status_meeting', step: 'in_operation', dueOn: '2026-05-28' });
  });

  it('ordinary operation ends the loop: in_operation is done and no step is current (000:205-211)', () => {
    const flow = deriveFlow(base({ ...wholeRound, status: 'ordinary_operation' }));
    expect(flow.steps.at(-1)!.state).toBe('done');
    expect(flow.nextAction).toBeNull();
  });

  it('a closed case has no next action', () => {
    expect(deriveFlow(base({ status: 'closed' })).nextAction).toBeNull();
  });

  it('a new round (steps 2-7 repeated, 000:190-191) counts only facts after its start; step 1 stays done', () => {
    const flow = deriveFlow(base({ ...wholeRound, rounds: [{ number: 2, startedAt: '2026-09-01T08:00:00Z', reason: 'Barnet skifter skole' }] }));
    expect(flow.round).toBe(2);
    expect(flow.steps.map((s) => s.state)).toEqual(['done', 'current', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    // A plan agreed again after the round's start completes step 7 of round 2.
    const later = deriveFlow(base({
      ...wholeRound,
      meetings: [...wholeRound.meetings!, held('assessment_meeting', '2026-09-10T09:00:00Z')],
      rounds: [{ number: 2, startedAt: '2026-09-01T08:00:00Z', reason: 'Barnet skifter skole' }],
      plan: { agreedAt: '2026-10-01T10:00:00Z', version: 3 },
    }));
    expect(later.steps.find((s) => s.key === 'assessment')!.state).toBe('done');
    expect(later.steps.find((s) => s.key === 'joint_plan')!.state).toBe('done');
    expect(later.steps.find((s) => s.key === 'information_gathering')!.state).toBe('current');
  });

  it('records count in the round they were made in', () => {
    const s = states(base({ ...wholeRound, rounds: [{ number: 2, startedAt: '2026-09-01T08:00:00Z', reason: 'Ny situation' }] }));
    expect(s.information_gathering).toBe('upcoming');
  });
});

describe('EFEI rules on rounds and records', () => {
  it('a new round only after the current round\'s joint plan is agreed (422 round_in_progress, 000:190-191)', () => {
    expect(codeOf(() => checkNewRound(deriveFlow(base())))).toBe('round_in_progress');
    expect(codeOf(() => checkNewRound(deriveFlow(base(wholeRound))))).toBeNull();
  });

  it('step 4 cannot be skipped once held or already skipped in the round (422 step_already_done)', () => {
    expect(codeOf(() => checkRecord('skipped', deriveFlow(base(wholeRound))))).toBe('step_already_done');
    expect(codeOf(() => checkRecord('skipped', deriveFlow(base())))).toBeNull();
    expect(checkRecord('information_shared', deriveFlow(base()))).toBe('information_sharing');
  });
});

describe('SOF flow derived from facts', () => {
  const sof = (overrides: Partial<FlowFacts> = {}) => base({ model: 'sof', coreTeamFormedOn: null, ...overrides });

  it('a new SOF case starts with the start conversation (001:156-159)', () => {
    const flow = deriveFlow(sof());
    expect(flow.steps.map((s) => s.state)).toEqual(['current', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(flow.nextAction?.key).toBe('hold_start_conversation');
  });

  it('after the start conversation, the child conversation or observation is next (001:161-163)', () => {
    const flow = deriveFlow(sof({ meetings: [held('start_conversation', '2026-03-05T09:00:00Z')] }));
    expect(flow.nextAction?.key).toBe('hold_child_conversation');
  });

  it('goals with roles come from the agreed joint plan; network meeting then follow-up at the fixed cadence from the case start (001:753-771)', () => {
    const flow = deriveFlow(sof({
      meetings: [held('start_conversation', '2026-03-05T09:00:00Z'), held('child_conversation', '2026-03-06T09:00:00Z'), held('network_meeting', '2026-03-20T09:00:00Z')],
      plan: { agreedAt: '2026-03-15T10:00:00Z', version: 1 }, followUpDueOn: '2026-06-02',
    }));
    expect(flow.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'current']);
    expect(flow.nextAction).toEqual({ key: 'hold_follow_up', step: 'follow_up', dueOn: '2026-06-02' });
  });

  it('the follow-up date is the one the time rules give (cadence/rules.ts followUpPlan), never recomputed here', () => {
    const flow = deriveFlow(sof({
      meetings: [held('start_conversation', '2026-03-05T09:00:00Z'), held('child_conversation', '2026-03-06T09:00:00Z'), held('network_meeting', '2026-03-20T09:00:00Z'),
        held('follow_up', '2026-10-01T09:00:00Z')],
      plan: { agreedAt: '2026-03-15T10:00:00Z', version: 1 },
      cadence: { kind: 'six_weeks', days: 42, reason: 'assessment_or_support' }, followUpDueOn: '2026-11-12',
    }));
    expect(flow.nextAction).toEqual({ key: 'hold_follow_up', step: 'follow_up', dueOn: '2026-11-12' });
  });

  it('SOF has no rounds: explicit rounds are ignored', () => {
    expect(deriveFlow(sof({ rounds: [{ number: 2, startedAt: '2026-09-01T08:00:00Z', reason: 'x' }] })).round).toBe(1);
  });
});
