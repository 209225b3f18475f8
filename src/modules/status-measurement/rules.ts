import { unprocessable, type ErrorDetail } from '../../platform/http/errors.js';
import { quarterEnd, quarterOf, quarterStart } from '../../platform/clock/dates.js';
import { scaleMax, scaleMin, type StatusMeasurementDefinition } from './definitions.js';

/**
 * The rules of the fidelity status measurement (statusmåling, issue 9 item 7 = issue 10 item 6). Pure functions,
 * each citing its source; the questionnaires themselves are data (definitions.ts).
 */

// ---- when: one measurement per quarter ----

// "hver tredje måned" / "hvert kvartal" (004:717, 004:1920-1921): measurements are counted per calendar quarter
// (quarterOf and the other quarter helpers live in platform/clock/dates.ts).

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * When a quarter's measurement is due. It may be made any time in the quarter — Rambøll recommended filling it in
 * jointly with the case's partners at a meeting already planned (004:4899-4905), so the whole quarter is open — and
 * it is due by the quarter's last day. Reminders go out from the first day of the quarter's last month (Tovholder's
 * choice: a month to find that meeting), once per quarter per rater.
 */
export interface QuarterDue {
  quarter: string;
  opensOn: string;
  remindFrom: string;
  dueBy: string;
}

export function dueOf(today: string): QuarterDue {
  const quarter = quarterOf(today);
  const opensOn = quarterStart(quarter);
  const [year, month] = opensOn.split('-').map(Number) as [number, number];
  return { quarter, opensOn, remindFrom: `${year}-${pad(month + 2)}-01`, dueBy: quarterEnd(quarter) };
}

/** Whether today falls in the reminder window of its quarter. */
export function inReminderWindow(today: string): boolean {
  const due = dueOf(today);
  return today >= due.remindFrom && today <= due.dueBy;
}

/** What a reminder is about: one per quarter per rater (the outbox dedupes it with the recipient and channel). */
export function reminderAbout(quarter: string): string {
  return `status_measurement:${quarter}`;
}

// ---- who: the key staff of a case ----

/**
 * Who rates a case: "nøglemedarbejderne" (004:716-719, 004:1919-1921), i.e. the responsible caseworker or family
 * coordinator the questionnaire was sent to per case (004:4890-4893), and — since Rambøll recommended answering it
 * together with the case's partners (004:4899-4905) — the caseworkers, buddy and core-team members on the case. A
 * leader of the case's department may add others (status_measurement_raters). The SQL of the same rule is
 * repo.ts `keyStaffSql`; these are the relations it counts.
 */
export const keyStaffRelations = ['assignment', 'core_team', 'added_by_leader'] as const;
export type KeyStaffRelation = (typeof keyStaffRelations)[number];

/** Staff roles that may rate (external partners and parents never rate; they have no staff access to the case). */
export const raterRoles = ['coordinator', 'core_team_member', 'team_leader', 'department_head'] as const;

// ---- what: the answers ----

export interface AnswerInput {
  questionKey: string;
  score: number;
}

/**
 * Checks a measurement's answers against the model's questionnaire, every problem named by its field and all
 * reported at once (422 `status_measurement_invalid`): each score on the 1-6 scale (004:1942-1943, 004:4895-4897),
 * only the questionnaire's questions, each question once, and every question answered — the element score is the
 * mean of its index questions, so a missing one would change what is measured.
 */
export function checkAnswers(definition: StatusMeasurementDefinition, answers: AnswerInput[]): Array<AnswerInput & { elementKey: string }> {
  const details: ErrorDetail[] = [];
  const elementOf = new Map(definition.elements.flatMap((e) => e.questions.map((q) => [q.key, e.key] as const)));
  const seen = new Set<string>();
  answers.forEach((answer, index) => {
    if (!elementOf.has(answer.questionKey)) {
      details.push({ field: `answers.${index}.questionKey`, code: 'unknown_question', message: `The question "${answer.questionKey}" is not in the ${definition.model.toUpperCase()} questionnaire (version ${definition.version}).` });
    } else if (seen.has(answer.questionKey)) {
      details.push({ field: `answers.${index}.questionKey`, code: 'duplicate_question', message: 'The question is answered twice.' });
    }
    seen.add(answer.questionKey);
    if (!Number.isInteger(answer.score) || answer.score < scaleMin || answer.score > scaleMax) {
      details.push({ field: `answers.${index}.score`, code: 'out_of_range', message: `A score is a whole number from ${scaleMin} ("slet ikke") to ${scaleMax} ("i meget høj grad").` });
    }
  });
  for (const element of definition.elements) {
    for (const question of element.questions) {
      if (!seen.has(question.key)) details.push({ field: `answers.${question.key}`, code: 'required', message: `The question "${question.da}" is not answered.` });
    }
  }
  if (details.length > 0) throw unprocessable('status_measurement_invalid', 'The status measurement cannot be saved.', details);
  return answers.map((a) => ({ ...a, elementKey: elementOf.get(a.questionKey)! }));
}
