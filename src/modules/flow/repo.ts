import type { Trx } from '../../platform/db/tenant.js';
import type { FlowFacts } from './rules.js';

export async function roundsOf(trx: Trx, caseId: string): Promise<FlowFacts['rounds']> {
  const rows = await trx.selectFrom('case_flow_rounds').select(['number', 'started_at', 'reason']).where('case_id', '=', caseId).orderBy('number').execute();
  return rows.map((r) => ({ number: r.number, startedAt: new Date(r.started_at).toISOString(), reason: r.reason }));
}

export async function recordsOf(trx: Trx, caseId: string): Promise<FlowFacts['records']> {
  const rows = await trx.selectFrom('case_flow_records').select(['round', 'kind', 'step', 'text', 'recorded_at']).where('case_id', '=', caseId)
    .orderBy('recorded_at').orderBy('id').execute();
  return rows.map((r) => ({
    round: r.round, kind: r.kind as FlowFacts['records'][number]['kind'], step: r.step, text: r.text, recordedAt: new Date(r.recorded_at).toISOString(),
  }));
}
