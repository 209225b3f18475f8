import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestUser } from './factories.js';

/** A tiny PDF's first bytes: enough for the magic-byte check (rules.ts). */
export const pdfBytes = Buffer.from('%PDF-1.7\n% Tovholder test\n%%EOF\n');

/**
 * One row in the table of migration 0016 (case documents), for fixtures that need every tenant table filled
 * (tenant-isolation, cross-tenant). Shared with the family, so a portal or partner reading another family's id is
 * refused by the family rule, not by the classification.
 */
export async function makeDocumentRecords(db: Database, family: TestFamily, user: TestUser): Promise<{ documentId: string }> {
  const row = await db.insertInto('case_documents').values({
    municipality_id: family.municipalityId, case_id: family.caseId, title: 'Udtalelse fra skolen', file_name: 'udtalelse.pdf', content_type: 'application/pdf',
    size_bytes: pdfBytes.length, sha256: 'a'.repeat(64), content: pdfBytes, visibility: 'partners', uploaded_by: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  return { documentId: row.id };
}
