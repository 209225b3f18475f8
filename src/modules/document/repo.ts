import type { Actor } from '../../platform/auth/actor.js';
import type { Trx } from '../../platform/db/tenant.js';
import { partnerAccessReasonSql, type PartnerAccessReason } from '../../platform/policy/policy.js';
import type { Visibility } from '../../platform/policy/visibility.js';
import type { DocumentView, SharedDocument } from './schema.js';

/** The documents module's SQL (migration 0016); every function takes the tenant transaction first (style.md §2). */

const iso = (value: Date | string) => new Date(value).toISOString();

/** The columns every list shows: never `content`, so a list never reads the files. */
const metadata = ['d.id', 'd.case_id', 'd.title', 'd.file_name', 'd.content_type', 'd.size_bytes', 'd.sha256', 'd.visibility', 'd.uploaded_at', 'd.version'] as const;

export async function documentsOf(trx: Trx, caseId: string, documentId?: string): Promise<DocumentView[]> {
  let query = trx.selectFrom('case_documents as d')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'd.municipality_id').onRef('u.id', '=', 'd.uploaded_by'))
    .select([...metadata, 'u.name as uploaded_by_name']).where('d.case_id', '=', caseId);
  if (documentId) query = query.where('d.id', '=', documentId);
  const rows = await query.orderBy('d.uploaded_at', 'desc').orderBy('d.id').execute();
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, title: r.title, fileName: r.file_name, contentType: r.content_type, sizeBytes: r.size_bytes, sha256: r.sha256,
    visibility: r.visibility, uploadedBy: r.uploaded_by_name, uploadedAt: iso(r.uploaded_at), version: r.version,
  }));
}

/** The case a document belongs to (any document of the tenant: the caller checks access to the case). */
export async function caseOfDocument(trx: Trx, documentId: string): Promise<string | null> {
  const row = await trx.selectFrom('case_documents').select('case_id').where('id', '=', documentId).executeTakeFirst();
  return row?.case_id ?? null;
}

export interface StoredFile { fileName: string; contentType: string; content: Buffer }

/** The file of a document (the one query that reads `content`). */
export async function fileOf(trx: Trx, documentId: string): Promise<StoredFile> {
  const row = await trx.selectFrom('case_documents').select(['file_name', 'content_type', 'content']).where('id', '=', documentId).executeTakeFirstOrThrow();
  // node-postgres gives a Buffer, PGlite a Uint8Array.
  return { fileName: row.file_name, contentType: row.content_type, content: Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength) };
}

/**
 * Documents of the given cases in the given classifications (the family's or the partners' audience), with the
 * child's first name. The classification filter is SQL: nothing internal leaves the database.
 */
export async function sharedDocuments(trx: Trx, caseIds: string[], shown: readonly Visibility[], documentId?: string): Promise<Array<SharedDocument & { caseId: string }>> {
  if (caseIds.length === 0) return [];
  let query = trx.selectFrom('case_documents as d')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'd.municipality_id').onRef('c.id', '=', 'd.case_id'))
    .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'c.municipality_id').onRef('p.id', '=', 'c.child_id'))
    .select(['d.id', 'd.case_id', 'd.title', 'd.file_name', 'd.content_type', 'd.size_bytes', 'd.uploaded_at', 'p.first_name'])
    .where('d.case_id', 'in', caseIds).where('d.visibility', 'in', [...shown]);
  if (documentId) query = query.where('d.id', '=', documentId);
  const rows = await query.orderBy('d.uploaded_at', 'desc').orderBy('d.id').execute();
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, title: r.title, fileName: r.file_name, contentType: r.content_type, sizeBytes: r.size_bytes,
    uploadedAt: iso(r.uploaded_at), childFirstName: r.first_name,
  }));
}

/** The cases of the families the person is a parent or carer with custody of (the portal's own family). */
export async function custodyCases(trx: Trx, personId: string): Promise<Array<{ id: string; family_id: string }>> {
  return trx.selectFrom('cases as c').select(['c.id', 'c.family_id'])
    .where('c.family_id', 'in', (eb) => eb.selectFrom('family_members').select('family_id').where('person_id', '=', personId)
      .where('relation', 'in', ['parent', 'carer']).where('has_custody', '=', true))
    .orderBy('c.id').execute();
}

/** A case with the partner's reason to see it (null: none), by the policy's one partner rule. */
export async function partnerCaseOf(trx: Trx, actor: Actor, today: string, caseId: string): Promise<{ family_id: string; reason: PartnerAccessReason | null } | undefined> {
  return trx.selectFrom('cases as c').select(['c.family_id', partnerAccessReasonSql(actor, today, 'c').as('reason')])
    .where('c.id', '=', caseId).executeTakeFirst();
}
