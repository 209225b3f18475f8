import { audit } from '../../platform/audit/audit.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { staleVersion } from '../../platform/http/errors.js';
import { allows, requireRole } from '../../platform/policy/policy.js';
import type { YearlyAmountKind } from '../decision/rules.js';
import type { YearlyAmountInput, YearlyAmounts, YearlyAmountView } from './schema.js';

/**
 * The yearly indexed amounts of Barnets Lov §86 (threshold per year) and §87 (cap per month), configured per year by
 * an administrator (current-law.md: "configuration, never constants"). Each municipality keeps its own, like every
 * table the app writes (migration 0011): a mistyped figure never reaches another municipality's decisions.
 */

/** The configured amount of a kind for a year, in kroner; null when none is configured. */
export async function findYearlyAmount(trx: Trx, year: number, kind: YearlyAmountKind): Promise<number | null> {
  const row = await trx.selectFrom('yearly_legal_amounts').select('amount_dkk').where('year', '=', year).where('kind', '=', kind).executeTakeFirst();
  return row ? Number(row.amount_dkk) : null;
}

/** The configured amounts (of one year, or all), newest year first. Not personal data: not audited. */
export async function listYearlyAmounts(trx: Trx, ctx: RequestContext, year?: number): Promise<YearlyAmounts> {
  requireRole(ctx.actor, 'list_staff');
  let query = trx.selectFrom('yearly_legal_amounts as y')
    .leftJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'y.municipality_id').onRef('u.id', '=', 'y.updated_by'))
    .select(['y.year', 'y.kind', 'y.amount_dkk', 'y.note', 'u.name', 'y.updated_at', 'y.version']);
  if (year !== undefined) query = query.where('y.year', '=', year);
  const rows = await query.orderBy('y.year', 'desc').orderBy('y.kind').execute();
  return {
    amounts: rows.map((r): YearlyAmountView => ({
      year: r.year, kind: r.kind as YearlyAmountKind, amountDkk: Number(r.amount_dkk), note: r.note, updatedBy: r.name,
      updatedAt: new Date(r.updated_at).toISOString(), version: r.version,
    })),
    abilities: { canEdit: allows(ctx.actor, 'manage_municipality') },
  };
}

/**
 * Sets a year's amount of one kind: version 0 creates it (a concurrent creation collides on the primary key and is
 * answered 409), a later version updates it if nobody changed it since.
 */
export async function setYearlyAmount(trx: Trx, ctx: RequestContext, input: YearlyAmountInput): Promise<YearlyAmounts> {
  requireRole(ctx.actor, 'manage_municipality');
  const values = { amount_dkk: input.amountDkk, note: input.note ?? null, updated_by: ctx.actor.userId, updated_at: ctx.clock.now() };
  const written = input.version === 0
    ? await trx.insertInto('yearly_legal_amounts').values({ municipality_id: ctx.actor.municipalityId, year: input.year, kind: input.kind, ...values })
      .onConflict((oc) => oc.constraint('yearly_legal_amounts_pk').doNothing()).returning('year').executeTakeFirst()
    : await trx.updateTable('yearly_legal_amounts').set({ ...values, version: input.version + 1 })
      .where('year', '=', input.year).where('kind', '=', input.kind).where('version', '=', input.version).returning('year').executeTakeFirst();
  if (!written) throw staleVersion('The yearly amount');
  await audit(trx, ctx, { action: input.version === 0 ? 'create' : 'update', entityType: 'yearly_legal_amount', reason: 'administrator' });
  return listYearlyAmounts(trx, ctx, input.year);
}
