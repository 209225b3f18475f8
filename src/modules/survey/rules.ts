import { createHmac } from 'node:crypto';
import { addCalendarMonths } from '../../platform/clock/dates.js';
import { unprocessable, type ErrorDetail } from '../../platform/http/errors.js';
import national from './national-instruments.json' with { type: 'json' };

/**
 * The surveys of the national evaluation (issue 10; Rambøll's evaluation of EFEI and SOF, 004; digest
 * shared/domain/evaluation.md, items in national-instruments.json = shared/domain/instruments.json). Pure rules: the
 * instruments and their scale, what a valid answer is, when a wave takes answers, the continuous mode's schedule, the
 * anonymity threshold and the pairing pseudonym.
 */

export const instruments = ['parent', 'staff'] as const;
export type Instrument = (typeof instruments)[number];
export const surveyModels = ['efei', 'sof'] as const;
export type SurveyModel = (typeof surveyModels)[number];
export const wavePhases = ['baseline', 'midway', 'end'] as const;
export type WavePhase = (typeof wavePhases)[number];
export const waveModes = ['fixed', 'continuous'] as const;
export type WaveMode = (typeof waveModes)[number];
export const itemKinds = ['scale', 'free_text'] as const;
export type ItemKind = (typeof itemKinds)[number];

/** Scale 1-6 (004:3041-3043, 004:3850-3851). */
export const scaleMin = 1;
export const scaleMax = 6;

export interface ScaleLabel { value: number; da: string; en: string; inferred: boolean }

/**
 * 1 "slet ikke" and 6 "i meget høj grad" are printed (004:3041-3043); 2-5 are NOT printed as anchors and are inferred
 * from the report's wording at 004:1942-1948 (evaluation.md §2.1) — the admin view marks them as inferred.
 */
export function scaleLabels(instrument: Instrument): ScaleLabel[] {
  const scale = (instrument === 'parent' ? national.parentSurvey : national.staffSurvey).scale;
  const printed = scale.labels as Record<string, string>;
  const printedEn = scale.labelsEn as Record<string, string>;
  const inferred = scale.inferredIntermediateLabels as Record<string, string>;
  const inferredEn: Record<string, string> = { 2: 'to a very low degree', 3: 'to a low degree', 4: 'to some degree', 5: 'to a high degree' };
  return [1, 2, 3, 4, 5, 6].map((value) => printed[value]
    ? { value, da: printed[value]!, en: printedEn[value]!, inferred: false }
    : { value, da: inferred[value]!, en: inferredEn[value]!, inferred: true });
}

/** "Ved ikke" is not in the report (evaluation.md §2.1): we offer it, and store it as missing (null), never a number. */
export const dontKnowLabel = { da: 'Ved ikke', en: "Don't know" };

export interface NationalItem {
  key: string;
  themeKey: string;
  themeTitleDa: string;
  themeTitleEn: string;
  textDa: string;
  textEn: string;
  source: string;
  flags: string[];
}

interface JsonTheme { id: string; titleDa: string; titleEn: string; items: Array<{ id: string; textDa: string; textEn: string; source: string; flags?: string[] }> }

/** The national instrument's items in appendix order: parents 6 themes / 26 items, staff 8 themes / 40 items. */
export function nationalItems(instrument: Instrument): NationalItem[] {
  const themes = (instrument === 'parent' ? national.parentSurvey.themes : national.staffSurvey.themes) as JsonTheme[];
  return themes.flatMap((theme) => theme.items.map((item) => ({
    key: item.id, themeKey: theme.id, themeTitleDa: theme.titleDa, themeTitleEn: theme.titleEn,
    textDa: item.textDa, textEn: item.textEn, source: item.source, flags: item.flags ?? [],
  })));
}

/** Results are shown only for groups of at least 5 respondents (issue 10 item 3; the report states none, evaluation.md §6). */
export const minimumGroup = 5;

export interface ItemRef { id: string; key: string; kind: ItemKind }
export interface AnswerInput { itemKey: string; value?: number | null; text?: string | null }

/**
 * The checks of a submitted response, all reported at once (422 `survey_answers_invalid`): every answer names an item
 * of the wave's instrument version, once; a scale item takes 1-6 or null ("ved ikke"), a free-text item only text.
 */
export function checkAnswers(items: readonly ItemRef[], answers: readonly AnswerInput[]): void {
  const byKey = new Map(items.map((i) => [i.key, i]));
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  answers.forEach((answer, index) => {
    const field = `answers.${index}`;
    const item = byKey.get(answer.itemKey);
    if (!item) {
      details.push({ field: `${field}.itemKey`, code: 'unknown_item', message: `Answer ${index + 1}: the item is not part of this survey.` });
      return;
    }
    if (seen.has(answer.itemKey)) details.push({ field: `${field}.itemKey`, code: 'duplicate_item', message: `Answer ${index + 1}: the item is answered twice.` });
    seen.add(answer.itemKey);
    const value = answer.value ?? null;
    if (item.kind === 'scale') {
      if (value !== null && (!Number.isInteger(value) || value < scaleMin || value > scaleMax)) {
        details.push({ field: `${field}.value`, code: 'out_of_scale', message: `Answer ${index + 1}: the value must be a whole number from ${scaleMin} to ${scaleMax}, or "ved ikke".` });
      }
      if ((answer.text ?? null) !== null) details.push({ field: `${field}.text`, code: 'text_not_expected', message: `Answer ${index + 1}: this item takes a value, not text.` });
    } else if (value !== null) {
      details.push({ field: `${field}.value`, code: 'value_not_expected', message: `Answer ${index + 1}: this item takes text, not a value.` });
    }
  });
  if (details.length > 0) throw unprocessable('survey_answers_invalid', 'The answers cannot be recorded.', details);
}

export interface WaveState { opensOn: string; closesOn: string | null; closedAt: Date | null }

/** A wave takes answers from its opening day through its closing day, unless a leader closed it. */
export function waveIsOpen(wave: WaveState, today: string): boolean {
  return wave.closedAt === null && wave.opensOn <= today && (wave.closesOn === null || today <= wave.closesOn);
}

export function requireOpenWave(wave: WaveState, today: string): void {
  if (!waveIsOpen(wave, today)) {
    throw unprocessable('wave_closed', 'The survey is closed and takes no more answers.', [
      { field: 'waveId', code: 'wave_closed', message: 'The survey is closed.' },
    ]);
  }
}

/** Continuous mode (issue 10 item 2): each family is invited at case start, after 6 months and at case end. */
export function continuousPhaseDue(kase: { openedOn: string; closedOn: string | null }, phase: WavePhase, today: string): boolean {
  if (phase === 'baseline') return kase.openedOn <= today;
  if (phase === 'midway') {
    // Six calendar months, clamped to the month end (31 August + 6 months = 28/29 February).
    const midway = addCalendarMonths(kase.openedOn, 6);
    return midway <= today && (kase.closedOn === null || midway <= kase.closedOn);
  }
  return kase.closedOn !== null && kase.closedOn <= today;
}

/** A reminder goes to invitations not answered after 7 days, at most once a week (issue 10 item 2). */
export const reminderAfterDays = 7;

export function reminderDue(invitation: { invitedAt: Date; lastRemindedAt: Date | null; responded: boolean }, now: Date): boolean {
  if (invitation.responded) return false;
  const since = invitation.lastRemindedAt ?? invitation.invitedAt;
  return now.getTime() - since.getTime() >= reminderAfterDays * 86_400_000;
}

/**
 * The pairing pseudonym (issue 10 item 4: "respondents who answered both waves"): a keyed hash of the municipality,
 * the series and the respondent, under a key derived from the server secret. It is stored only on the response, never
 * beside an id, so neither the API nor a join of tables leads from a response to a person; only someone holding the
 * server secret AND the person's id could recompute it.
 */
export function pairingKey(secret: string, municipalityId: string, series: string, respondentId: string): string {
  const key = createHmac('sha256', secret).update('tovholder-survey-pairing-v1').digest();
  return createHmac('sha256', key).update(`${municipalityId}\u0000${series}\u0000${respondentId}`).digest('base64url').slice(0, 22);
}

/** A one-time link's token: 43 url-safe characters of secret, then the municipality (only its hash is stored). */
export function parseLinkToken(token: string): { secret: string; municipalityId: string } | null {
  const match = /^([A-Za-z0-9_-]{43})\.([0-9a-f-]{36})$/.exec(token);
  return match ? { secret: match[1]!, municipalityId: match[2]! } : null;
}
