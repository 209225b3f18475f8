import type { Trx } from '../../platform/db/tenant.js';
import type { LegalBasisView } from './schema.js';

/** "SEL §52a stk. 1 nr. 1", "BL §86": how a legal basis is shown everywhere. */
export function legalBasisLabel(row: { law: string; paragraph: string; subsection: string | null }): string {
  return `${row.law} §${row.paragraph}${row.subsection ? ' ' + row.subsection : ''}`;
}

export async function listLegalBases(trx: Trx): Promise<LegalBasisView[]> {
  const rows = await trx.selectFrom('legal_bases').selectAll().orderBy('law', 'desc').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, law: r.law as LegalBasisView['law'], paragraph: r.paragraph, subsection: r.subsection, label: legalBasisLabel(r),
    nameDa: r.name_da, nameEn: r.name_en, category: r.category as LegalBasisView['category'],
    validFrom: r.valid_from, validTo: r.valid_to, replacedBy: r.replaced_by, completionMonths: r.completion_months,
  }));
}

/**
 * Labels of all legal bases, for lists that show a case's §§. Legal bases are reference data that only a migration
 * changes (and a migration means a restart), so the labels are read once per process, not once per request.
 */
let labelCache: Promise<Map<string, string>> | undefined;
export function labelsById(trx: Trx): Promise<Map<string, string>> {
  labelCache ??= trx.selectFrom('legal_bases').select(['id', 'law', 'paragraph', 'subsection']).execute()
    .then((rows) => new Map(rows.map((r) => [r.id, legalBasisLabel(r)])))
    .catch((error: unknown) => {
      labelCache = undefined;
      throw error;
    });
  return labelCache;
}
