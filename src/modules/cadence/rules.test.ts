import { describe, expect, it } from 'vitest';
import { addDays } from '../../platform/clock/dates.js';
import { cadenceFor, nextFollowUpDue, type LegalBasisCategory } from './rules.js';

/** The legal bases of migrations/0002 with their categories, as the rule sees them. */
const category: Record<string, LegalBasisCategory> = {
  'SEL-11': 'preventive', 'SEL-41': 'compensation', 'SEL-42': 'compensation', 'SEL-44': 'compensation', 'SEL-50': 'assessment',
  'SEL-52': 'support_measure', 'SEL-52a-1-1': 'financial_support', 'SEL-84': 'compensation',
  'BL-18': 'triage', 'BL-19': 'assessment', 'BL-20': 'assessment', 'BL-30': 'preventive', 'BL-32': 'support_measure',
  'BL-35-4-1': 'financial_support', 'BL-46': 'placement', 'BL-47': 'placement', 'BL-86': 'compensation', 'BL-87': 'compensation',
  'BL-90': 'compensation', 'BL-90-2': 'compensation',
};
const cadenceOf = (...ids: string[]) => cadenceFor(ids.map((id) => category[id]!)).kind;

describe('SOF follow-up cadence (001:753-771)', () => {
  it.each([
    // every 3 months: only §41, 42, 44 — or with §11 or §52a stk. 1 nr. 1 (001:753-755)
    [['SEL-41'], 'three_months'], [['SEL-42'], 'three_months'], [['SEL-44'], 'three_months'], [['SEL-41', 'SEL-42', 'SEL-44'], 'three_months'],
    [['SEL-41', 'SEL-11'], 'three_months'], [['SEL-42', 'SEL-52a-1-1'], 'three_months'], [['SEL-44', 'SEL-11', 'SEL-52a-1-1'], 'three_months'],
    [['BL-86'], 'three_months'], [['BL-86', 'BL-87', 'BL-90'], 'three_months'], [['BL-87', 'BL-30'], 'three_months'], [['BL-90-2', 'BL-35-4-1'], 'three_months'],
    [['SEL-41', 'BL-86'], 'three_months'], [['SEL-84'], 'three_months'], [['BL-86', 'BL-18'], 'three_months'],
    // every 6 weeks: §50 and §52, alone or with §41, 42, 44 (001:765-767); Barnets Lov §19, §20, §32, §§46/47
    [['SEL-50'], 'six_weeks'], [['SEL-52'], 'six_weeks'], [['SEL-50', 'SEL-52'], 'six_weeks'], [['SEL-41', 'SEL-50'], 'six_weeks'],
    [['SEL-42', 'SEL-44', 'SEL-52'], 'six_weeks'], [['BL-20'], 'six_weeks'], [['BL-19'], 'six_weeks'], [['BL-32', 'BL-86'], 'six_weeks'],
    [['BL-46'], 'six_weeks'], [['SEL-41', 'BL-32'], 'six_weeks'], [['SEL-11', 'SEL-50'], 'six_weeks'],
    // not named by the seeds: decided explicitly
    [[], 'none'], [['BL-18'], 'none'], [['SEL-11'], 'none'], [['SEL-52a-1-1'], 'none'], [['BL-30', 'BL-35-4-1'], 'none'],
  ])('%j → %s', (ids, expected) => {
    expect(cadenceOf(...(ids as string[]))).toBe(expected);
  });

  it('gives the same answer under SEL, Barnets Lov and a mix', () => {
    expect(cadenceOf('SEL-41', 'SEL-50')).toBe(cadenceOf('BL-86', 'BL-20'));
    expect(cadenceOf('SEL-41', 'SEL-50')).toBe(cadenceOf('SEL-41', 'BL-20'));
    expect(cadenceOf('SEL-42', 'SEL-11')).toBe(cadenceOf('BL-87', 'BL-30'));
  });

  it('names why a case has no cadence', () => {
    expect(cadenceFor([])).toMatchObject({ reason: 'no_active_measure' });
    expect(cadenceFor(['triage'])).toMatchObject({ reason: 'screening_only' });
    expect(cadenceFor(['preventive'])).toMatchObject({ reason: 'no_compensation_or_support' });
  });
});

describe('next follow-up date', () => {
  it('adds 42 days for 6 weeks, across a year end', () => {
    expect(nextFollowUpDue(cadenceFor(['assessment']), '2026-12-01')).toBe('2027-01-12');
  });
  it('adds 3 calendar months (the clamping to the month end is tested in platform/clock/dates.test.ts)', () => {
    expect(nextFollowUpDue(cadenceFor(['compensation']), '2026-08-15')).toBe('2026-11-15');
  });
  it('has no date when the case has no cadence', () => {
    expect(nextFollowUpDue(cadenceFor([]), '2026-01-01')).toBeNull();
  });
});

import { ageOn } from '../person/rules.js';
import {
  bucketOf, checkTimeSettings, dueDatesInYear, fixedCadenceProblem, namesFixedCadence, followUpPlan, timeSettingsOf, transitionStartBy, eighteenthBirthday, type FollowUpFacts,
} from './rules.js';

/** A measure on a timeline: its legal basis and the days it is active (ends inclusive, null = open). */
interface TimedMeasure { id: string; from: string; to: string | null }
const activeOn = (measures: TimedMeasure[], day: string) => measures.filter((m) => m.from <= day && (m.to === null || m.to >= day)).map((m) => category[m.id]!);
const sof = (over: Partial<FollowUpFacts>): FollowUpFacts => ({ model: 'sof', status: 'in_operation', openedOn: '2026-03-02', categories: [], lastFollowUpOn: null, lastStatusMeetingOn: null, ...over });

describe('next follow-up due date: last completed follow-up (or case start) + cadence (001:753-771, 002:215-226)', () => {
  it.each([
    // [measures, last follow-up, today, expected cadence, expected due]
    ['compensation only, no follow-up yet: case start + 3 calendar months', [{ id: 'BL-86', from: '2026-03-02', to: null }], null, '2026-04-01', 'three_months', '2026-06-02'],
    ['compensation only, after a follow-up: follow-up + 3 months', [{ id: 'BL-86', from: '2026-03-02', to: null }], '2026-05-31', '2026-06-01', 'three_months', '2026-08-31'],
    ['support measure: case start + 42 days', [{ id: 'BL-32', from: '2026-03-02', to: null }], null, '2026-03-10', 'six_weeks', '2026-04-13'],
    ['a §32 added to §86: recomputed from the same case start with 6 weeks', [{ id: 'BL-86', from: '2026-03-02', to: null }, { id: 'BL-32', from: '2026-05-01', to: null }], null, '2026-05-02', 'six_weeks', '2026-04-13'],
    ['a §32 added after a follow-up: recomputed from that follow-up', [{ id: 'BL-86', from: '2026-03-02', to: null }, { id: 'BL-32', from: '2026-05-01', to: null }], '2026-04-20', '2026-05-02', 'six_weeks', '2026-06-01'],
    ['the §32 ended: back to 3 months from the last follow-up', [{ id: 'BL-86', from: '2026-03-02', to: null }, { id: 'BL-32', from: '2026-05-01', to: '2026-06-30' }], '2026-06-10', '2026-07-01', 'three_months', '2026-09-10'],
    ['SEL §50 replaced by BL §20 on 1 January 2024: still 6 weeks', [{ id: 'SEL-50', from: '2023-06-01', to: '2023-12-31' }, { id: 'BL-20', from: '2024-01-01', to: null }], '2024-01-05', '2024-01-10', 'six_weeks', '2024-02-16'],
    ['only §18 screening: no cadence, no date (explicit)', [{ id: 'BL-18', from: '2026-03-02', to: null }], null, '2026-04-01', 'none', null],
    ['all measures ended: no cadence, no date (explicit)', [{ id: 'BL-86', from: '2026-03-02', to: '2026-03-31' }], null, '2026-04-01', 'none', null],
    ['only SEL §84: 3 months (compensation, decided)', [{ id: 'SEL-84', from: '2023-03-01', to: null }], '2023-11-30', '2023-12-01', 'three_months', '2024-02-29'],
  ] as Array<[string, TimedMeasure[], string | null, string, string, string | null]>)('%s', (_title, measures, last, today, cadence, due) => {
    const plan = followUpPlan(sof({ categories: activeOn(measures, today), lastFollowUpOn: last, openedOn: measures[0]!.from }), { efeiStatusMeetingWeeks: null });
    expect(plan.rule).toBe('sof_follow_up');
    if (plan.rule !== 'sof_follow_up') return;
    expect(plan.cadence.kind).toBe(cadence);
    expect(plan.dueOn).toBe(due);
  });

  it('a closed case has nothing due', () => {
    expect(followUpPlan(sof({ status: 'closed', categories: ['assessment'] }), { efeiStatusMeetingWeeks: 6 })).toMatchObject({ rule: 'none', reason: 'case_closed', dueOn: null });
  });
});

describe('EFEI status meetings at the municipality\'s cadence (003:61-66)', () => {
  const efei = (over: Partial<FollowUpFacts>): FollowUpFacts => ({ ...sof({}), model: 'efei', ...over });
  it('counts from the last held status meeting, else the case start', () => {
    expect(followUpPlan(efei({}), { efeiStatusMeetingWeeks: 4 }).dueOn).toBe('2026-03-30');
    expect(followUpPlan(efei({ lastStatusMeetingOn: '2026-11-02' }), { efeiStatusMeetingWeeks: 4 }).dueOn).toBe('2026-11-30');
  });
  it('has no date, and says why, while the municipality has not set it or in ordinary operation', () => {
    expect(followUpPlan(efei({}), { efeiStatusMeetingWeeks: null })).toMatchObject({ cadence: { kind: 'none', reason: 'efei_cadence_not_set' }, dueOn: null });
    expect(followUpPlan(efei({ status: 'ordinary_operation' }), { efeiStatusMeetingWeeks: 4 })).toMatchObject({ cadence: { kind: 'none', reason: 'ordinary_operation' } });
  });
  it('does not use the SOF cadence, whatever the measures', () => {
    expect(followUpPlan(efei({ categories: ['assessment'] }), { efeiStatusMeetingWeeks: 8 }).dueOn).toBe(addDays('2026-03-02', 56));
  });
});

describe('municipality settings: the SOF cadence cannot be set (001:770-771)', () => {
  it.each(['followUpCadence', 'sofCadenceWeeks', 'opfølgningskadence', 'cadence', 'followUpIntervalDays'])('recognises %s as the fixed cadence', (key) => {
    expect(namesFixedCadence(key)).toBe(true);
    expect(fixedCadenceProblem(key)).toEqual(expect.objectContaining({ field: `settings.${key}`, code: 'cadence_fixed' }));
  });
  it('does not take the EFEI status meeting cadence or the lead time for the fixed cadence (003:61-66)', () => {
    expect(['efeiStatusMeetingWeeks', 'transitionLeadTimeMonths', 'caseloadTarget'].filter(namesFixedCadence)).toEqual([]);
  });
  it('accepts the EFEI status meeting cadence and the transition lead time, within range', () => {
    expect(checkTimeSettings({ efeiStatusMeetingWeeks: 6, transitionLeadTimeMonths: 18 })).toEqual([]);
    expect(checkTimeSettings({ efeiStatusMeetingWeeks: 0 })).toEqual([expect.objectContaining({ field: 'settings.efeiStatusMeetingWeeks' })]);
    expect(checkTimeSettings({ transitionLeadTimeMonths: 1.5 })).toEqual([expect.objectContaining({ field: 'settings.transitionLeadTimeMonths' })]);
  });
  it('reads unset settings as "no EFEI cadence" and the documented 12-month lead time', () => {
    expect(timeSettingsOf({})).toEqual({ efeiStatusMeetingWeeks: null, transitionLeadTimeMonths: 12 });
    expect(timeSettingsOf({ efeiStatusMeetingWeeks: 6, transitionLeadTimeMonths: 9 })).toEqual({ efeiStatusMeetingWeeks: 6, transitionLeadTimeMonths: 9 });
  });
});

describe('due buckets, the year ahead and the transition before 18', () => {
  it('sorts a due date into overdue / today / this week (next 7 days) / later', () => {
    expect(bucketOf('2026-11-21', '2026-11-22')).toBe('overdue');
    expect(bucketOf('2026-11-22', '2026-11-22')).toBe('today');
    expect(bucketOf('2026-11-29', '2026-11-22')).toBe('this_week');
    expect(bucketOf('2026-11-30', '2026-11-22')).toBe('later');
  });
  it('projects the follow-ups of a year, an overdue one planned from today', () => {
    const plan = followUpPlan(sof({ categories: ['compensation'], lastFollowUpOn: '2026-11-01' }), { efeiStatusMeetingWeeks: null });
    expect(dueDatesInYear(plan, 2027, '2026-11-22')).toEqual(['2027-02-01', '2027-05-01', '2027-08-01', '2027-11-01']);
    const overdue = followUpPlan(sof({ categories: ['assessment'], lastFollowUpOn: '2026-09-01' }), { efeiStatusMeetingWeeks: null });
    expect(dueDatesInYear(overdue, 2026, '2026-11-22')).toEqual(['2026-11-22']);
  });
  it('the transition must start the lead time before the 18th birthday (004:4088-4095)', () => {
    expect(eighteenthBirthday('2009-02-28')).toBe('2027-02-28');
    // Born 29 February: 18 on 1 March (year + 18 is never a leap year), the day ageOn first gives 18.
    expect(eighteenthBirthday('2008-02-29')).toBe('2026-03-01');
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(eighteenthBirthday('2004-02-29')).toBe('2022-03-01');
    expect(transitionStartBy('2009-05-10', 12)).toBe('2026-05-10');
    expect(transitionStartBy('2008-08-31', 6)).toBe('2026-02-28');
    expect(transitionStartBy(null, 12)).toBeNull();
  });
});

import { lawFollowUpBasis, lawFollowUpOf, type LawFollowUpMeasure } from './rules.js';

/** The measures §95 reads, chosen as the facts query chooses them: Barnets Lov support measures (law and category). */
const lawMeasuresOf = (measures: Array<TimedMeasure & { months?: number; decidedOn?: string }>, today: string): LawFollowUpMeasure[] =>
  measures.filter((m) => m.id.startsWith(`${lawFollowUpBasis.law}-`) && category[m.id] === lawFollowUpBasis.category && m.from <= today && (m.to === null || m.to >= today))
    .map((m, i) => ({ measureId: `m${i + 1}`, startsOn: m.from, months: m.months ?? null, decidedOn: m.decidedOn ?? null }));

describe('Barnets Lov §95: first follow-up of a §32 measure within 3 months, then the recorded cadence (current-law.md)', () => {
  it.each([
    // [title, measures, last follow-up, expected §95 date, basis, measures missing a cadence]
    ['no follow-up yet: start + 3 calendar months', [{ id: 'BL-32', from: '2026-03-02', to: null }], null, '2026-06-02', 'first_follow_up', 0],
    ['month-end clamp: 30 November + 3 months = 28 February', [{ id: 'BL-32', from: '2026-11-30', to: null }], null, '2027-02-28', 'first_follow_up', 0],
    ['month-end clamp in a leap year: 29 February', [{ id: 'BL-32', from: '2027-11-30', to: null }], null, '2028-02-29', 'first_follow_up', 0],
    ['a follow-up before the measure started does not count', [{ id: 'BL-32', from: '2026-03-02', to: null }], '2026-02-20', '2026-06-02', 'first_follow_up', 0],
    ['a follow-up on the start day is not the first follow-up of the measure (decision)', [{ id: 'BL-32', from: '2026-03-02', to: null }], '2026-03-02', '2026-06-02', 'first_follow_up', 0],
    ['recorded cadence: decision day + months', [{ id: 'BL-32', from: '2026-03-02', to: null, months: 6, decidedOn: '2026-05-15' }], '2026-05-15', '2026-11-15', 'recorded_cadence', 0],
    ['recorded cadence: counted from a later follow-up', [{ id: 'BL-32', from: '2026-03-02', to: null, months: 2, decidedOn: '2026-05-15' }], '2026-07-01', '2026-09-01', 'recorded_cadence', 0],
    ['first follow-up held, cadence not recorded: no §95 date, flagged', [{ id: 'BL-32', from: '2026-03-02', to: null }], '2026-05-20', null, null, 1],
    ['two measures: the earliest date wins', [{ id: 'BL-32', from: '2026-01-10', to: null, months: 1, decidedOn: '2026-04-01' }, { id: 'BL-32', from: '2026-05-01', to: null }], '2026-04-01', '2026-05-01', 'recorded_cadence', 0],
    ['SEL §52 and other categories have no §95 date', [{ id: 'SEL-52', from: '2023-03-02', to: null }, { id: 'BL-86', from: '2026-03-02', to: null }, { id: 'BL-46', from: '2026-03-02', to: null }], null, null, null, 0],
  ] as Array<[string, Array<TimedMeasure & { months?: number; decidedOn?: string }>, string | null, string | null, string | null, number]>)('%s', (_title, measures, last, due, basis, missing) => {
    const law = lawFollowUpOf(lawMeasuresOf(measures, '2028-12-31'), last);
    expect(law.dueOn).toBe(due);
    expect(law.basis).toBe(basis);
    expect(law.cadenceMissing).toHaveLength(missing);
  });
});

describe('next follow-up: the stricter of the model\'s date and Barnets Lov §95 wins, and the plan says which', () => {
  const efei = (over: Partial<FollowUpFacts>): FollowUpFacts => ({ ...sof({}), model: 'efei', ...over });
  it.each([
    // [title, facts, EFEI weeks, expected due, expected source]
    ['SOF 6 weeks is stricter than §95\'s first 3 months', sof({ categories: ['support_measure'], lawMeasures: [{ measureId: 'm1', startsOn: '2026-03-02', months: null, decidedOn: null }] }), null, '2026-04-13', 'model'],
    ['a recorded §95 cadence of 1 month is stricter than SOF 6 weeks', sof({ categories: ['support_measure'], lastFollowUpOn: '2026-05-15', lawMeasures: [{ measureId: 'm1', startsOn: '2026-03-02', months: 1, decidedOn: '2026-05-15' }] }), null, '2026-06-15', 'law_95'],
    ['a recorded §95 cadence of 3 months: SOF 6 weeks stays stricter', sof({ categories: ['support_measure', 'compensation'], lastFollowUpOn: '2026-05-15', lawMeasures: [{ measureId: 'm1', startsOn: '2026-03-02', months: 3, decidedOn: '2026-05-15' }] }), null, '2026-06-26', 'model'],
    ['EFEI status meetings every 16 weeks: §95\'s 3 months are stricter', efei({ categories: ['support_measure'], lawMeasures: [{ measureId: 'm1', startsOn: '2026-03-02', months: null, decidedOn: null }] }), 16, '2026-06-02', 'law_95'],
    ['EFEI without a status meeting cadence: §95 gives the only date', efei({ categories: ['support_measure'], lawMeasures: [{ measureId: 'm1', startsOn: '2026-03-02', months: null, decidedOn: null }] }), null, '2026-06-02', 'law_95'],
    ['EFEI in ordinary operation: the law still applies', efei({ status: 'ordinary_operation', categories: ['support_measure'], lawMeasures: [{ measureId: 'm1', startsOn: '2026-04-01', months: null, decidedOn: null }] }), 4, '2026-07-01', 'law_95'],
    ['EFEI status meetings every 4 weeks are stricter', efei({ categories: ['support_measure'], lawMeasures: [{ measureId: 'm1', startsOn: '2026-03-02', months: null, decidedOn: null }] }), 4, '2026-03-30', 'model'],
    ['a tie is the model\'s: 4 weeks and 1 month from 1 February 2026', efei({ categories: ['support_measure'], lastStatusMeetingOn: '2026-02-01', lastFollowUpOn: '2026-02-01', lawMeasures: [{ measureId: 'm1', startsOn: '2026-01-15', months: 1, decidedOn: '2026-02-01' }] }), 4, '2026-03-01', 'model'],
    ['compensation only (3 months), no Barnets Lov support measure: unchanged', sof({ categories: ['compensation'] }), null, '2026-06-02', 'model'],
  ] as Array<[string, FollowUpFacts, number | null, string | null, 'model' | 'law_95']>)('%s', (_title, facts, weeks, due, source) => {
    const plan = followUpPlan(facts, { efeiStatusMeetingWeeks: weeks });
    expect(plan.dueOn).toBe(due);
    expect(plan.source).toBe(source);
  });

  it('keeps the model\'s own date and the §95 reason next to the winning date', () => {
    const plan = followUpPlan(sof({ categories: ['support_measure'], lastFollowUpOn: '2026-05-15', lawMeasures: [{ measureId: 'm1', startsOn: '2026-03-02', months: 1, decidedOn: '2026-05-15' }] }), { efeiStatusMeetingWeeks: null });
    expect(plan).toMatchObject({ rule: 'sof_follow_up', modelDueOn: '2026-06-26', law: { dueOn: '2026-06-15', measureId: 'm1', basis: 'recorded_cadence', months: 1 } });
  });

  it('flags a held first follow-up whose §95 cadence is not recorded, and keeps the model\'s date', () => {
    const plan = followUpPlan(sof({ categories: ['support_measure'], lastFollowUpOn: '2026-05-20', lawMeasures: [{ measureId: 'm1', startsOn: '2026-03-02', months: null, decidedOn: null }] }), { efeiStatusMeetingWeeks: null });
    expect(plan).toMatchObject({ dueOn: '2026-07-01', source: 'model', law: { dueOn: null, cadenceMissing: [{ measureId: 'm1', since: '2026-05-20' }] } });
  });

  it('a closed case has nothing due, whatever §95 says', () => {
    const plan = followUpPlan(sof({ status: 'closed', lawMeasures: [{ measureId: 'm1', startsOn: '2026-03-02', months: null, decidedOn: null }] }), { efeiStatusMeetingWeeks: null });
    expect(plan).toMatchObject({ rule: 'none', dueOn: null, source: 'model', law: { dueOn: null } });
  });

  it('projects the year with a recorded §95 cadence stricter than the model\'s', () => {
    const plan = followUpPlan(efei({ categories: ['support_measure'], lastFollowUpOn: '2026-10-01', lawMeasures: [{ measureId: 'm1', startsOn: '2026-03-02', months: 2, decidedOn: '2026-10-01' }] }), { efeiStatusMeetingWeeks: null });
    expect(dueDatesInYear(plan, 2027, '2026-11-22')).toEqual(['2027-02-01', '2027-04-01', '2027-06-01', '2027-08-01', '2027-10-01', '2027-12-01']);
  });
});
