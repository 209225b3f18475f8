import { addDays } from '../../platform/clock/dates.js';
import {
  bucketOf, followUpPlan, timeSettingsOf, transitionStartBy, type DueBucket, type FollowUpPlan, type TimeSettings,
} from '../cadence/rules.js';
import type { CaseFactsRow } from '../cadence/index.js';
import { contactDrift } from '../contact/rules.js';
import { childPlanDueOn } from '../measure/rules.js';
import { investigationClock } from '../measure/investigation.js';

/**
 * The worklist's items, derived from the facts of one query (cadence/repo.ts) by the rules in cadence/rules.ts and
 * contact/rules.ts. Pure: the same facts and day give the same list, so it is tested without a database.
 */
export const worklistItemKinds = [
  'follow_up_due', 'status_meeting_due', 'meeting', 'agreement_due', 'contact_too_little', 'contact_too_much', 'transition_not_started',
  'child_plan_due', 'investigation_due', 'provisional_assessment_required', 'reassessment_open', 'law_cadence_missing',
] as const;
export type WorklistItemKind = (typeof worklistItemKinds)[number];

export interface WorklistItem {
  kind: WorklistItemKind;
  bucket: DueBucket;
  /** The day the item is due (for a meeting: its day). */
  dueOn: string;
  familyId: string;
  familyName: string;
  caseId: string;
  caseNumber: string;
  childName: string;
  /** The record the item is about when it is not the case itself (meeting, agreement). */
  refId: string | null;
  /** Short detail: the meeting's title/type, the agreement's text, the cadence, the drift figures. */
  detail: string | null;
  /** Where the item is done in the web app. */
  link: string;
}

const bucketOrder: Record<DueBucket, number> = { overdue: 0, today: 1, this_week: 2, later: 3 };

/** Most urgent first: overdue before today before this week, then by due date. */
export function compareItems(a: WorklistItem, b: WorklistItem): number {
  return bucketOrder[a.bucket] - bucketOrder[b.bucket] || a.dueOn.localeCompare(b.dueOn) || a.familyName.localeCompare(b.familyName, 'da');
}

function cadenceDetail(plan: FollowUpPlan): string | null {
  // Barnets Lov §95 gave the date: its first follow-up within 3 months, or the cadence recorded for the measure.
  if (plan.source === 'law_95') return plan.law.basis === 'recorded_cadence' ? `law_95:months:${plan.law.months}` : 'law_95:first_follow_up';
  if (plan.rule === 'sof_follow_up') return plan.cadence.kind;
  if (plan.rule === 'efei_status_meeting' && plan.cadence.kind === 'weeks') return `weeks:${plan.cadence.weeks}`;
  return null;
}

/** Every item of the given cases, including those due later than this week ("Mine familier" wants the next one). */
export function itemsFromFacts(rows: CaseFactsRow[], today: string): WorklistItem[] {
  const items: WorklistItem[] = [];
  const seenFamilies = new Set<string>();
  let settings: TimeSettings | undefined;
  for (const row of rows) {
    settings ??= timeSettingsOf(row.settings);
    const base = {
      familyId: row.family_id, familyName: row.family_name, caseId: row.case_id, caseNumber: row.case_number,
      childName: `${row.child_first_name} ${row.child_last_name}`,
    };
    const push = (kind: WorklistItemKind, dueOn: string, link: string, refId: string | null = null, detail: string | null = null) =>
      items.push({ kind, bucket: bucketOf(dueOn, today), dueOn, ...base, refId, detail, link });

    if (row.is_lead) {
      // Follow-up / status meeting (001:753-771, 003:61-66): the lead is responsible (001:160-187, 000:97-99).
      const plan = followUpPlan({
        model: row.model, status: row.status, openedOn: row.opened_on, categories: row.categories ?? [],
        lastFollowUpOn: row.last_follow_up_on, lastStatusMeetingOn: row.last_status_meeting_on, lawMeasures: row.law_measures ?? [],
      }, settings);
      // A date from Barnets Lov §95 is a follow-up of the measure with the family, in EFEI cases too.
      const statusMeeting = plan.rule === 'efei_status_meeting' && plan.source === 'model';
      if (plan.dueOn) {
        push(statusMeeting ? 'status_meeting_due' : 'follow_up_due', plan.dueOn,
          statusMeeting ? `/cases/${row.case_id}/meetings/new` : `/cases/${row.case_id}/follow-ups/new`, null, cadenceDetail(plan));
      }
      // §95: the first follow-up of a measure was held without recording the cadence decided then (cadence/rules.ts).
      for (const missing of plan.law.cadenceMissing) {
        push('law_cadence_missing', missing.since, `/cases/${row.case_id}/measures/${missing.measureId}/edit#law-follow-up`, missing.measureId);
      }
      // Transition to adult services (004:4088-4095): warn from the lead time before 18 until it is recorded as started.
      const startBy = transitionStartBy(row.birth_date, settings.transitionLeadTimeMonths);
      if (startBy && !row.transition_started_on) push('transition_not_started', startBy, `/cases/${row.case_id}/transition`);
      // Barnets plan, due 3 months after the decision to make it (Barnets Lov §91; the rule is measure/rules.ts).
      for (const plan of row.child_plans ?? []) {
        const dueOn = childPlanDueOn({ childPlanDecision: 'made', childPlanDecidedOn: plan.decidedOn, childPlanCompletedOn: null });
        if (dueOn) push('child_plan_due', dueOn, `/cases/${row.case_id}/measures/${plan.measureId}/edit`, plan.measureId);
      }
      // Børnefaglig undersøgelse, due 4 months after the municipality became aware (Barnets Lov §20 stk. 3; the rule is
      // measure/investigation.ts). One item per investigation at a time: while it runs, its due date with the days left;
      // once past due without a provisional assessment, the request for one; with one recorded, the overdue deadline again.
      for (const inv of row.investigations ?? []) {
        const clock = investigationClock({ completionMonths: inv.months, awareOn: inv.awareOn, endsOn: inv.endsOn, provisionalAssessmentOn: inv.provisionalOn }, today);
        if (!clock || clock.completed) continue;
        const edit = `/cases/${row.case_id}/measures/${inv.measureId}/edit`;
        if (clock.provisionalAssessmentRequired) push('provisional_assessment_required', clock.dueOn, `${edit}#provisional-assessment`, inv.measureId, `days_over:${-clock.daysLeft}`);
        else push('investigation_due', clock.dueOn, edit, inv.measureId, `days_left:${clock.daysLeft}`);
      }
      // Contact drift, once per family (000:423-445, 001:429-433).
      if (!seenFamilies.has(row.family_id) && row.contact_agreement !== undefined) {
        seenFamilies.add(row.family_id);
        const drift = contactDrift(row.contact_agreement, row.last_contact_on ?? null, row.contacts_last_30 ?? 0, today);
        if (drift?.kind === 'too_little') push('contact_too_little', drift.dueOn, `/families/${row.family_id}/contact`, null, `days:${row.contact_agreement!.everyDays}`);
        if (drift?.kind === 'too_much') push('contact_too_much', today, `/families/${row.family_id}/contact`, null, `${drift.contactsLast30}/${drift.max}`);
      }
    }
    for (const meeting of row.meetings ?? []) {
      push('meeting', meeting.on, `/meetings/${meeting.id}`, meeting.id, meeting.title ?? meeting.type);
    }
    for (const agreement of row.agreements ?? []) {
      push('agreement_due', agreement.dueOn, `/meetings/${agreement.meetingId}`, agreement.id, agreement.text);
    }
    // Barnets Lov §137: an open re-assessment, for the lead (who assigns someone new) and the person assigned (the query
    // gives a non-lead only those assigned to them). No deadline in the law: it is today's work until completed.
    for (const task of row.reassessments ?? []) {
      push('reassessment_open', today, `/cases/${row.case_id}/reassessments/${task.id}`, task.id, task.assignedUserId ? `opened:${task.openedOn}` : 'unassigned');
    }
  }
  return items.sort(compareItems);
}

/** The worklist shows today, this week and what is overdue (issue 4 §2); later items wait. */
export function worklistOf(items: WorklistItem[]): WorklistItem[] {
  // A running børnefaglig undersøgelse is a statutory deadline (Barnets Lov §20 stk. 3): shown with its days left the
  // whole time it runs, not only in its last week.
  return items.filter((item) => item.bucket !== 'later' || item.kind === 'investigation_due');
}

/**
 * A family's next action: its most urgent item (items are sorted, most urgent first), looking at most a year ahead —
 * a transition milestone years away is not what to do next.
 */
export function nextActionsByFamily(items: WorklistItem[], today: string): Map<string, WorklistItem> {
  const horizon = addDays(today, 365);
  const next = new Map<string, WorklistItem>();
  for (const item of items) if (item.dueOn <= horizon && !next.has(item.familyId)) next.set(item.familyId, item);
  return next;
}

const kindTextDa: Record<WorklistItemKind, string> = {
  follow_up_due: 'Opfølgning', status_meeting_due: 'Statusmøde', meeting: 'Møde', agreement_due: 'Aftale med frist',
  contact_too_little: 'Kontakt mangler', contact_too_much: 'For meget kontakt', transition_not_started: 'Start overgang til voksen', child_plan_due: 'Barnets plan',
  investigation_due: 'Børnefaglig undersøgelse', provisional_assessment_required: 'Foreløbig vurdering', reassessment_open: 'Genvurdering efter underretning',
  law_cadence_missing: 'Opfølgningskadence (§95)',
};

/**
 * "Mine familier"'s next action per family: its most urgent item as one line. The column is a plain string shown as
 * is, so it is written in Danish (the app's default language); `nextActionItem` carries the structured item.
 */
export function nextActionText(item: WorklistItem): string {
  const [y, m, d] = item.dueOn.split('-');
  const date = `${d}.${m}.${y}`;
  const when = item.bucket === 'overdue' ? `forfalden ${date}` : item.bucket === 'today' ? 'i dag' : date;
  return `${kindTextDa[item.kind]} (${item.childName.split(' ')[0]}): ${when}`;
}
