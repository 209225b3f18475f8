import type { Clock } from '../platform/clock/clock.js';
import type { Database } from '../platform/db/database.js';
import { scheduleEscalations } from '../modules/leadership/escalation.js';

/**
 * The leader dashboard's demo (issue 9 items 1, 2, 8): the demo cases already carry follow-ups held on time, late and
 * not at all (flows.ts), so the dashboard shows real compliance figures and caseloads. This runs the escalation step
 * once at seeding, so the team leader (teamleder@demo.tovholder.dk) finds the escalations of the demo's long-overdue
 * follow-ups at first start, even before the worker's first tick (which keeps them up to date afterwards).
 */
export async function seedLeadershipDemo(db: Database, clock: Clock): Promise<void> {
  await scheduleEscalations(db, clock, process.env.PUBLIC_URL ?? 'http://localhost:3000');
}
