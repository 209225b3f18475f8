import type { Clock } from '../../platform/clock/clock.js';
import { todayIn } from '../../platform/clock/clock.js';
import { addMonthsToMonth } from '../../platform/clock/dates.js';
import type { Database } from '../../platform/db/database.js';
import { inTenant } from '../../platform/db/tenant.js';
import { listMunicipalityIds } from '../../platform/db/tenants.js';
import { monthOf } from '../financing/rules.js';
import { runPostings } from './commands.js';

/**
 * The posting run as the app runs it by the clock (issue 8 item 4): once a day (the first worker tick of each day, per
 * process), every municipality's current month is posted again, so grants and split changes reach the reports by the
 * next day; on the first day of a month the month before is posted once more, closing it. The run is idempotent, so a
 * second process or a restart posting again changes nothing. Each municipality in its own tenant transaction.
 */
let lastRunOn: string | null = null;

export async function scheduleCostPostings(db: Database, clock: Clock): Promise<{ municipalities: number; postings: number } | null> {
  const today = todayIn(clock);
  if (lastRunOn === today) return null;
  const months = [monthOf(today)];
  if (today.endsWith('-01')) months.unshift(`${addMonthsToMonth(today.slice(0, 7), -1)}-01`);
  let postings = 0;
  const municipalities = await listMunicipalityIds(db);
  for (const municipality of municipalities) {
    for (const month of months) postings += (await inTenant(db, municipality.id, (trx) => runPostings(trx, municipality.id, month))).postings;
  }
  lastRunOn = today;
  return { municipalities: municipalities.length, postings };
}
