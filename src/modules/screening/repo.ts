import type { Trx } from '../../platform/db/tenant.js';
import type { ScreeningView } from './schema.js';

/** A case's screenings, newest first, with who recorded them. */
export async function screeningsOf(trx: Trx, caseId: string): Promise<ScreeningView[]> {
  const rows = await trx.selectFrom('screenings as s')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 's.municipality_id').onRef('u.id', '=', 's.recorded_by'))
    .select(['s.id', 's.aware_on', 's.screened_on', 's.outcome', 's.reasons', 'u.name', 's.recorded_at'])
    .where('s.case_id', '=', caseId).orderBy('s.screened_on', 'desc').orderBy('s.recorded_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, awareOn: r.aware_on, screenedOn: r.screened_on, outcome: r.outcome as ScreeningView['outcome'], reasons: r.reasons,
    recordedBy: r.name, recordedAt: new Date(r.recorded_at).toISOString(),
  }));
}
