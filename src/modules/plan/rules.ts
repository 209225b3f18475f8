import { conflict, forbidden, notFound, unprocessable, type ErrorDetail } from '../../platform/http/errors.js';
import { allowsCase, type CaseAccessReason } from '../../platform/policy/policy.js';
import type { GoalInput, GoalView, PlanDiff, ResponsibleInput } from './schema.js';

/** The joint plan's rules, each in one place, citing the seed line it implements. Pure: no database, no clock. */

export type PlanAction = 'read' | 'revise' | 'update_status' | 'agree';

/**
 * Who may do what with the family's joint plan, on top of the policy's need-to-know reason for the family.
 * Parents read their own family's plan: it must be *their* plan (000:745-747). Staff who may change the case revise and
 * agree it; a core-team member who takes the minutes records goal statuses from a meeting (000:586-589, 000:677-680).
 */
export function allowsPlan(reason: CaseAccessReason | null, action: PlanAction): boolean {
  if (action === 'read') return reason === 'parent' || allowsCase(reason, 'read');
  return allowsCase(reason, action === 'update_status' ? 'record_meeting' : 'edit');
}

/** 404 when the plan may not be read, 403 when it may be read but not changed this way. */
export function requirePlan(reason: CaseAccessReason | null, action: PlanAction): CaseAccessReason {
  if (!allowsPlan(reason, 'read')) throw notFound('The joint plan');
  if (!allowsPlan(reason, action)) throw forbidden('You may read the joint plan but not change it this way.');
  return reason!;
}

/** What the goals of a plan may point at: the family's members, measures, the municipality's departments and staff. */
export interface PlanReferences {
  memberIds: ReadonlySet<string>;
  measureIds: ReadonlySet<string>;
  departmentIds: ReadonlySet<string>;
  userIds: ReadonlySet<string>;
  meetingIds: ReadonlySet<string>;
  /** Goal keys of the version a revision is based on (empty for the first version). */
  baseGoalKeys: ReadonlySet<string>;
}

function checkResponsible(r: ResponsibleInput, refs: PlanReferences, field: string, details: ErrorDetail[]): void {
  if (r.kind === 'person' && !refs.memberIds.has(r.personId)) {
    details.push({ field: `${field}.personId`, code: 'not_family_member', message: 'Choose a member of the family.' });
  }
  if (r.kind === 'user' && !refs.userIds.has(r.userId)) {
    details.push({ field: `${field}.userId`, code: 'unknown_user', message: 'Choose an active user of the municipality.' });
  }
}

/**
 * Checks every goal of a new version and throws one 422 naming the first rule broken, with every offending field.
 * Rules: a goal has at least one owner ("clear responsibility for each task and goal", 000:783-784); the goal's
 * period is time-bound (SMARTE T) and ends on or after it starts; owners, the person a goal concerns, linked measures
 * (§) and departments belong to the family and municipality (the plan spans the family across departments,
 * 000:741-743); a meeting referenced is one of the family's.
 */
export function checkGoals(goals: GoalInput[], refs: PlanReferences): void {
  const owners: ErrorDetail[] = [];
  const periods: ErrorDetail[] = [];
  const references: ErrorDetail[] = [];
  const keys = new Set<string>();
  goals.forEach((goal, i) => {
    const at = `goals.${i}`;
    // 000:783-784: "Vær meget konkret i at få nedskrevet aftaler og ansvarlige for de forskellige opgaver og mål".
    if (goal.owners.length === 0) owners.push({ field: `${at}.owners`, code: 'goal_owner_required', message: 'Give the goal at least one owner.' });
    // SMARTE "T" (000:778): a time-bound goal cannot end before it starts.
    if (goal.endsOn < goal.startsOn) periods.push({ field: `${at}.endsOn`, code: 'end_before_start', message: 'The end date must be on or after the start date.' });
    goal.owners.forEach((o, j) => checkResponsible(o, refs, `${at}.owners.${j}`, references));
    goal.activities.forEach((a, j) => checkResponsible(a.responsible, refs, `${at}.activities.${j}.responsible`, references));
    if (goal.concernsPersonId && !refs.memberIds.has(goal.concernsPersonId)) {
      references.push({ field: `${at}.concernsPersonId`, code: 'not_family_member', message: 'Choose a member of the family.' });
    }
    goal.measureIds.forEach((id, j) => {
      if (!refs.measureIds.has(id)) references.push({ field: `${at}.measureIds.${j}`, code: 'measure_not_in_family', message: "Choose a measure of one of the family's cases." });
    });
    goal.departmentIds.forEach((id, j) => {
      if (!refs.departmentIds.has(id)) references.push({ field: `${at}.departmentIds.${j}`, code: 'unknown_department', message: 'Choose a department of the municipality.' });
    });
    if (goal.statusMeetingId && !refs.meetingIds.has(goal.statusMeetingId)) {
      references.push({ field: `${at}.statusMeetingId`, code: 'meeting_not_of_family', message: "Choose a meeting of one of the family's cases." });
    }
    if (goal.goalKey !== undefined) {
      if (!refs.baseGoalKeys.has(goal.goalKey)) references.push({ field: `${at}.goalKey`, code: 'goal_key_unknown', message: 'This goal is not in the version you edited.' });
      else if (keys.has(goal.goalKey)) references.push({ field: `${at}.goalKey`, code: 'goal_key_repeated', message: 'The goal appears twice.' });
      keys.add(goal.goalKey);
    }
  });
  // One refusal names the first rule broken and lists every offending field, so the form shows all problems at once.
  const details = [...owners, ...periods, ...references];
  if (owners.length > 0) {
    throw unprocessable('goal_owner_required', 'Every goal needs at least one owner: a family member, a staff member or a partner (000:783-784).', details);
  }
  if (periods.length > 0) throw unprocessable('goal_period_invalid', "A goal's end date is before its start date.", details);
  if (references.length > 0) throw unprocessable('plan_reference_invalid', 'The plan refers to people, measures, departments or meetings outside the family.', details);
}

export function checkMeetingOfFamily(meetingId: string | null | undefined, refs: PlanReferences): void {
  if (meetingId && !refs.meetingIds.has(meetingId)) {
    throw unprocessable('meeting_not_of_family', "The meeting is not one of the family's case meetings.", [
      { field: 'meetingId', code: 'meeting_not_of_family', message: "Choose a meeting of one of the family's cases." },
    ]);
  }
}

/**
 * Versions are immutable: a revision or agreement is made from the latest version only. Editing an old version would
 * silently drop what was revised since (every revision records who, when and why).
 */
export function checkLatest(number: number, latest: number, field = 'baseVersion'): void {
  if (number !== latest) {
    throw conflict('plan_version_superseded', `Version ${number} is not the latest version of the joint plan (${latest}); versions are never changed. Revise the latest version.`, [
      { field, code: 'plan_version_superseded', message: `Version ${number} has been superseded by version ${latest}.` },
    ]);
  }
}

/** One joint plan per family (models.md rule 7; 000:736-760). */
export function checkNoPlanYet(existing: boolean): void {
  if (existing) throw conflict('one_plan_per_family', 'The family already has a joint plan; revise it as a new version.', []);
}

/**
 * An agreed plan is agreed *with the family*: it must be the family's own plan (000:745-747), so at least one family
 * member is among those who agreed; a version is agreed once, on a date that has come.
 */
export function checkAgreement(input: { agreedOn: string; personIds: string[] }, memberIds: ReadonlySet<string>, today: string, alreadyAgreed: boolean): void {
  if (alreadyAgreed) throw conflict('plan_version_already_agreed', 'This version of the joint plan has already been agreed.', []);
  const strangers = input.personIds.map((id, i) => ({ id, i })).filter(({ id }) => !memberIds.has(id));
  if (strangers.length > 0) {
    throw unprocessable('plan_reference_invalid', 'Only members of the family can agree the plan on the family\'s behalf.',
      strangers.map(({ i }) => ({ field: `personIds.${i}`, code: 'not_family_member', message: 'Choose a member of the family.' })));
  }
  if (input.personIds.length === 0) {
    throw unprocessable('plan_agreed_with_family', 'The joint plan is agreed with the family: name at least one family member who agreed (000:745-747).', [
      { field: 'personIds', code: 'plan_agreed_with_family', message: 'Choose at least one family member who agreed.' },
    ]);
  }
  if (input.agreedOn > today) {
    throw unprocessable('date_in_future', 'The plan cannot be agreed on a future date.', [
      { field: 'agreedOn', code: 'date_in_future', message: 'The date cannot be in the future.' },
    ]);
  }
}

/** The status update of goals: every goal named must be in the version, once. */
export function checkStatusUpdates(updates: Array<{ goalKey: string }>, goalKeys: ReadonlySet<string>): void {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  updates.forEach((u, i) => {
    if (!goalKeys.has(u.goalKey)) details.push({ field: `updates.${i}.goalKey`, code: 'goal_key_unknown', message: 'This goal is not in the version.' });
    else if (seen.has(u.goalKey)) details.push({ field: `updates.${i}.goalKey`, code: 'goal_key_repeated', message: 'The goal appears twice.' });
    seen.add(u.goalKey);
  });
  if (details.length > 0) throw unprocessable('plan_reference_invalid', 'A status update names a goal that is not in the plan.', details);
}

/** The fields of a goal compared between versions, in the order a reader scans them. */
const comparedFields = ['title', 'concernsPersonId', 'horizon', 'specific', 'measurable', 'accepted', 'realistic', 'startsOn', 'endsOn', 'evaluation',
  'familyWords', 'professionalAssessment', 'status', 'statusNote', 'statusMeetingId', 'owners', 'measures', 'departments', 'activities'] as const;

function comparable(goal: GoalView, field: (typeof comparedFields)[number]): unknown {
  switch (field) {
    case 'owners': return goal.owners.map((o) => ({ kind: o.kind, id: o.personId ?? o.userId, name: o.name }));
    case 'measures': return goal.measures.map((m) => m.id).sort();
    case 'departments': return goal.departments.map((d) => d.id).sort();
    case 'activities': return goal.activities.map((a) => ({ description: a.description, responsible: a.responsible.name, dueOn: a.dueOn, done: a.done }));
    default: return goal[field];
  }
}

function display(goal: GoalView, field: (typeof comparedFields)[number]): unknown {
  switch (field) {
    case 'owners': return goal.owners.map((o) => o.name);
    case 'measures': return goal.measures.map((m) => m.label);
    case 'departments': return goal.departments.map((d) => d.name);
    case 'activities': return goal.activities.map((a) => `${a.description} (${a.responsible.name}, ${a.dueOn}${a.done ? ', ✓' : ''})`);
    default: return goal[field];
  }
}

/** Two versions compared goal by goal (a goal keeps its key across versions): added, removed, changed fields. */
export function diffVersions(from: { number: number; goals: GoalView[] }, to: { number: number; goals: GoalView[] }): PlanDiff {
  const before = new Map(from.goals.map((g) => [g.goalKey, g]));
  const after = new Map(to.goals.map((g) => [g.goalKey, g]));
  const diff: PlanDiff = { from: from.number, to: to.number, added: [], removed: [], changed: [], unchanged: [] };
  for (const goal of to.goals) {
    const old = before.get(goal.goalKey);
    if (!old) {
      diff.added.push({ goalKey: goal.goalKey, title: goal.title });
      continue;
    }
    const changes = comparedFields
      .filter((f) => JSON.stringify(comparable(old, f)) !== JSON.stringify(comparable(goal, f)))
      .map((f) => ({ field: f, before: display(old, f), after: display(goal, f) }));
    if (changes.length > 0) diff.changed.push({ goalKey: goal.goalKey, title: goal.title, changes });
    else diff.unchanged.push({ goalKey: goal.goalKey, title: goal.title });
  }
  for (const goal of from.goals) {
    if (!after.has(goal.goalKey)) diff.removed.push({ goalKey: goal.goalKey, title: goal.title });
  }
  return diff;
}
