import { describe, expect, it } from 'vitest';
import type { CaseFactsRow } from '../cadence/index.js';
import { itemsFromFacts, nextActionsByFamily, nextActionText, worklistOf } from './rules.js';

const row = (over: Partial<CaseFactsRow>): CaseFactsRow => ({
  case_id: '00000000-0000-4000-8000-000000000001', family_id: '00000000-0000-4000-8000-0000000000f1', family_name: 'Familien Test', case_number: '2026-00001',
  model: 'sof', status: 'in_operation', opened_on: '2026-03-02', child_first_name: 'Ida', child_last_name: 'Test', birth_date: '2016-09-03', is_lead: true,
  categories: ['compensation'], last_follow_up_on: null, last_status_meeting_on: null, transition_started_on: null, settings: {}, ...over,
});

describe('worklist items from the facts of one query', () => {
  it('a case the user does not lead gives only its meetings and agreements', () => {
    const items = itemsFromFacts([row({ is_lead: false, meetings: [{ id: '00000000-0000-4000-8000-0000000000a1', type: 'network_meeting', title: null, scheduledAt: '2026-11-24T08:00:00Z', on: '2026-11-24' }] })], '2026-11-22');
    expect(items.map((i) => i.kind)).toEqual(['meeting']);
  });
  it('leaves items due later than a week off the worklist, but keeps them for the next action', () => {
    const items = itemsFromFacts([row({ last_follow_up_on: '2026-11-01' })], '2026-11-22');
    expect(worklistOf(items)).toEqual([]);
    const next = nextActionsByFamily(items, '2026-11-22').get('00000000-0000-4000-8000-0000000000f1')!;
    expect(nextActionText(next)).toBe('Opfølgning (Ida): 01.02.2027');
  });
  it('a transition milestone years away is not the next action', () => {
    const items = itemsFromFacts([row({ categories: [], birth_date: '2020-01-01' })], '2026-11-22');
    expect(items.map((i) => i.kind)).toEqual(['transition_not_started']);
    expect(nextActionsByFamily(items, '2026-11-22').size).toBe(0);
  });
  it('counts contact drift once per family, however many children have a case', () => {
    const agreement = { revision: 1, everyDays: 14, prefersSpace: false, max: null, since: '2026-09-01' };
    const items = itemsFromFacts([
      row({ contact_agreement: agreement, last_contact_on: '2026-10-01', contacts_last_30: 0 }),
      row({ case_id: '00000000-0000-4000-8000-000000000002', contact_agreement: agreement, last_contact_on: '2026-10-01', contacts_last_30: 0 }),
    ], '2026-11-22');
    expect(items.filter((i) => i.kind === 'contact_too_little')).toHaveLength(1);
  });
});

describe('Barnets Lov §20 stk. 3 and §137 on the worklist', () => {
  const investigation: { measureId: string; awareOn: string; months: number; endsOn: string | null; provisionalOn: string | null } = {
    measureId: '00000000-0000-4000-8000-0000000000b1', awareOn: '2027-10-31', months: 4, endsOn: null, provisionalOn: null,
  };
  const kinds = (today: string, over: Partial<typeof investigation> = {}) =>
    worklistOf(itemsFromFacts([row({ investigations: [{ ...investigation, ...over }] })], today))
      .filter((i) => i.kind !== 'follow_up_due').map((i) => `${i.kind}:${i.bucket}:${i.dueOn}:${i.detail}`);

  it('a running investigation stays on the worklist with its days left, then asks for a provisional assessment once past due', () => {
    expect(kinds('2027-11-05')).toEqual(['investigation_due:later:2028-02-29:days_left:116']);
    expect(kinds('2028-02-29')).toEqual(['investigation_due:today:2028-02-29:days_left:0']);
    expect(kinds('2028-03-02')).toEqual(['provisional_assessment_required:overdue:2028-02-29:days_over:2']);
    expect(kinds('2028-03-02', { provisionalOn: '2028-03-01' })).toEqual(['investigation_due:overdue:2028-02-29:days_left:-2']);
    expect(kinds('2028-03-02', { endsOn: '2028-03-02' })).toEqual([]);
  });

  it('only the lead sees the investigation; an open re-assessment is today\'s work for whoever the query gave it to', () => {
    const items = itemsFromFacts([row({
      is_lead: false, investigations: [investigation],
      reassessments: [{ id: '00000000-0000-4000-8000-0000000000c1', openedOn: '2026-11-20', assignedUserId: null }],
    })], '2026-11-22');
    expect(items.map((i) => `${i.kind}:${i.bucket}:${i.detail}:${i.link}`)).toEqual([
      'reassessment_open:today:unassigned:/cases/00000000-0000-4000-8000-000000000001/reassessments/00000000-0000-4000-8000-0000000000c1',
    ]);
  });
});
