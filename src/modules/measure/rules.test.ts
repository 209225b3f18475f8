import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { checkMeasureDuties, childPlanDueOn, type MeasureDuties } from './rules.js';

const complete: MeasureDuties = {
  purpose: 'Trivsel i hjemmet', expectedDuration: '6 måneder', custodyConsentOn: '2026-05-01',
  childPlanDecision: 'made', childPlanDecidedOn: '2026-05-01', childPlanReason: null,
};
const support = { id: 'BL-32', law: 'BL', category: 'support_measure' };
const placementWithConsent = { id: 'BL-46', law: 'BL', category: 'placement' };
const placementWithoutConsent = { id: 'BL-47', law: 'BL', category: 'placement' };

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Barnets Lov §32 and §91 on a measure', () => {
  it('a complete §32 measure passes', () => {
    expect(() => checkMeasureDuties(support, complete)).not.toThrow();
  });

  it('a §32 measure without purpose, duration, consent and plan decision names each field', () => {
    const error = refusal(() => checkMeasureDuties(support, {
      purpose: null, expectedDuration: '', custodyConsentOn: null, childPlanDecision: null, childPlanDecidedOn: null, childPlanReason: null,
    }));
    expect(error.statusCode).toBe(422);
    expect(error.details.map((d) => d.field)).toEqual(['purpose', 'expectedDuration', 'custodyConsentOn', 'childPlanDecision']);
  });

  it('not making barnets plan needs a reason for §32, and is refused for a placement', () => {
    const notMade = { ...complete, childPlanDecision: 'not_made' as const };
    expect(refusal(() => checkMeasureDuties(support, notMade)).details.map((d) => d.field)).toEqual(['childPlanReason']);
    expect(() => checkMeasureDuties(support, { ...notMade, childPlanReason: 'Kortvarig indsats' })).not.toThrow();
    expect(refusal(() => checkMeasureDuties(placementWithConsent, { ...notMade, childPlanReason: 'x' })).details)
      .toEqual([expect.objectContaining({ field: 'childPlanDecision', code: 'child_plan_required' })]);
  });

  it('§47 (placement without consent) needs no consent date; §46 does', () => {
    expect(() => checkMeasureDuties(placementWithoutConsent, { ...complete, custodyConsentOn: null })).not.toThrow();
    expect(refusal(() => checkMeasureDuties(placementWithConsent, { ...complete, custodyConsentOn: null })).details.map((d) => d.field)).toEqual(['custodyConsentOn']);
  });

  it('compensation (§86) and Serviceloven measures keep the record they were made with', () => {
    const none: MeasureDuties = { purpose: null, expectedDuration: null, custodyConsentOn: null, childPlanDecision: null, childPlanDecidedOn: null, childPlanReason: null };
    expect(() => checkMeasureDuties({ id: 'BL-86', law: 'BL', category: 'compensation' }, none)).not.toThrow();
    expect(() => checkMeasureDuties({ id: 'SEL-52', law: 'SEL', category: 'support_measure' }, none)).not.toThrow();
  });
});

describe('§91: barnets plan is due within 3 months of the decision to make it', () => {
  it.each([
    ['2026-05-01', '2026-08-01'],
    ['2026-11-30', '2027-02-28'],
    ['2027-11-30', '2028-02-29'],
    ['2026-03-31', '2026-06-30'],
  ])('decided %s → due %s', (decidedOn, due) => {
    expect(childPlanDueOn({ childPlanDecision: 'made', childPlanDecidedOn: decidedOn, childPlanCompletedOn: null })).toBe(due);
  });

  it('nothing is due when the plan is not made, or already done', () => {
    expect(childPlanDueOn({ childPlanDecision: 'not_made', childPlanDecidedOn: '2026-05-01', childPlanCompletedOn: null })).toBeNull();
    expect(childPlanDueOn({ childPlanDecision: 'made', childPlanDecidedOn: '2026-05-01', childPlanCompletedOn: '2026-06-15' })).toBeNull();
  });
});
