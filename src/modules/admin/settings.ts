import { badRequest, unprocessable } from '../../platform/http/errors.js';
import { checkTimeSettings, fixedCadenceProblem, namesFixedCadence, type SettingsProblem } from '../cadence/rules.js';
import { checkLeadershipSettings } from '../leadership/rules.js';
import { checkTrackSettings } from '../transition/rules.js';

type Shape = 'integer' | 'number' | { [key: string]: 'integer' | 'number' };

/**
 * Every setting a municipality may store (municipalities.settings), with its shape. An allow-list, not a deny-list
 * (style.md §8): a key that is not here is refused, so a misspelt or invented setting is never stored and silently
 * ignored. The ranges are the owning module's rule: cadence/rules.ts (EFEI status meetings 003:61-66, transition lead
 * time 004:4088-4095), transition/rules.ts (the track's opening age), leadership/rules.ts (caseload target and
 * weights 000:255-261, escalation delay). The SOF follow-up cadence is not a setting: it is fixed (001:770-771).
 * A new setting is added here and checked in its module's rules.
 */
const settingShapes: Record<string, Shape> = {
  efeiStatusMeetingWeeks: 'integer',
  transitionLeadTimeMonths: 'integer',
  transitionTrackAge: 'integer',
  escalationAfterDays: 'integer',
  caseloadTarget: { min: 'integer', max: 'integer' },
  caseloadWeights: { efei: 'number', sof: 'number', complex: 'number' },
};

const isNumber = (value: unknown, kind: 'integer' | 'number') => typeof value === 'number' && (kind === 'number' ? Number.isFinite(value) : Number.isInteger(value));

/**
 * Refuses settings the administrator may not save: a cadence key → 422 cadence_fixed (001:770-771); any other key
 * outside the allow-list → 400 unknown_field (like every unknown field of the API); a value of the wrong shape or
 * out of its range → 422 settings_invalid. null clears a setting (the documented default applies again).
 */
export function checkMunicipalitySettings(settings: Record<string, unknown>): void {
  const keys = Object.keys(settings);
  const cadence = keys.filter((key) => !(key in settingShapes) && namesFixedCadence(key)).map(fixedCadenceProblem);
  if (cadence.length > 0) throw unprocessable('cadence_fixed', 'The follow-up cadence is fixed by the model and cannot be set by a municipality (001:770-771).', cadence);

  const unknown: SettingsProblem[] = [];
  const shapeProblems: SettingsProblem[] = [];
  for (const key of keys) {
    const shape = settingShapes[key];
    const value = settings[key];
    if (!shape) {
      unknown.push({ field: `settings.${key}`, code: 'unknown_field', message: 'This is not a setting of the municipality; check its spelling.' });
    } else if (value === null) {
      continue;
    } else if (typeof shape === 'string') {
      if (!isNumber(value, shape)) shapeProblems.push({ field: `settings.${key}`, code: 'invalid_type', message: `Give ${key} as a ${shape === 'integer' ? 'whole number' : 'number'}.` });
    } else if (typeof value !== 'object' || Array.isArray(value)) {
      shapeProblems.push({ field: `settings.${key}`, code: 'invalid_type', message: `Give ${key} as an object with ${Object.keys(shape).join(', ')}.` });
    } else {
      for (const [inner, item] of Object.entries(value as Record<string, unknown>)) {
        const kind = shape[inner];
        if (!kind) unknown.push({ field: `settings.${key}.${inner}`, code: 'unknown_field', message: 'This is not part of the setting; check its spelling.' });
        else if (!isNumber(item, kind)) shapeProblems.push({ field: `settings.${key}.${inner}`, code: 'invalid_type', message: `Give ${inner} as a ${kind === 'integer' ? 'whole number' : 'number'}.` });
      }
    }
  }
  if (unknown.length > 0) throw badRequest('validation_failed', `Invalid body: ${unknown.map((p) => p.field).join(', ')}.`, unknown);

  const problems = [...shapeProblems, ...checkTimeSettings(settings), ...checkLeadershipSettings(settings), ...checkTrackSettings(settings)];
  if (problems.length > 0) throw unprocessable('settings_invalid', 'A setting has a value outside its range.', problems);
}
