import type { Assignment, Case } from '../../api/types';
import { todayIso } from '../../lib/format';

/** Assignments in force today (started, not yet ended). */
export function currentAssignments(item: Case): Assignment[] {
  const today = todayIso();
  return item.assignments.filter((a) => a.startsOn <= today && (a.endsOn === null || a.endsOn >= today));
}

/** The case's buddies today (SOF makkerskab). */
export function currentBuddies(item: Case): Assignment[] {
  return currentAssignments(item).filter((a) => a.role === 'buddy');
}
