import { createHash } from 'node:crypto';
import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, staleVersion } from '../../platform/http/errors.js';
import { allowsCase, requireCase, requirePartner } from '../../platform/policy/policy.js';
import { visibleTo } from '../../platform/policy/visibility.js';
import { findCase } from '../case/index.js';
import { caseOfDocument, custodyCases, documentsOf, fileOf, partnerCaseOf, sharedDocuments, type StoredFile } from './repo.js';
import { checkDocumentType, cleanFileName, decodeContent, maxDocumentBytes } from './rules.js';
import type { CaseDocuments, DocumentUpdate, DocumentUpload, DocumentView, PortalDocuments, SharedDocument } from './schema.js';

/**
 * Issue 5: documents of a case. Staff with need-to-know read them; staff who may change the case upload, reclassify
 * and delete them. The family sees the ones shared with them in the portal, partners the ones shared with partners.
 * Every list, download and change is audited in the same transaction. A document the caller may not see is 404.
 */

async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, action: 'read' | 'edit', what = 'The case') {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, action, what);
  return { row: row!, reason };
}

/** The case of a document, checked for the action; unknown, foreign and not-yours documents are the same 404. */
async function loadDocument(trx: Trx, ctx: RequestContext, documentId: string, action: 'read' | 'edit') {
  const caseId = await caseOfDocument(trx, documentId);
  if (!caseId) throw notFound('The document');
  return { caseId, ...(await loadCase(trx, ctx, caseId, action, 'The document')) };
}

export async function listDocuments(trx: Trx, ctx: RequestContext, caseId: string): Promise<CaseDocuments> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  const documents = await documentsOf(trx, caseId);
  await audit(trx, ctx, { action: 'read', entityType: 'case_documents', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return { caseId, documents, abilities: { canUpload: allowsCase(reason, 'edit') }, maxBytes: maxDocumentBytes };
}

/**
 * Uploads a document. Access is checked before the content is looked at (style.md §3); then the size (10 MiB), the
 * declared type and the file's first bytes. Internal unless staff share it.
 */
export async function uploadDocument(trx: Trx, ctx: RequestContext, caseId: string, input: DocumentUpload): Promise<DocumentView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  const bytes = decodeContent(input.content);
  const contentType = checkDocumentType(input.contentType, bytes);
  const created = await trx.insertInto('case_documents').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, title: input.title, file_name: cleanFileName(input.fileName), content_type: contentType,
    size_bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), content: bytes, visibility: input.visibility,
    uploaded_by: ctx.actor.userId, uploaded_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'case_document', entityId: created.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  return (await documentsOf(trx, caseId, created.id))[0]!;
}

/** The file, for staff who may read the case. Audited as an export: the file leaves the system. */
export async function getDocumentContent(trx: Trx, ctx: RequestContext, documentId: string): Promise<StoredFile> {
  const { caseId, row, reason } = await loadDocument(trx, ctx, documentId, 'read');
  const file = await fileOf(trx, documentId);
  await audit(trx, ctx, { action: 'export', entityType: 'case_document', entityId: documentId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return file;
}

/** Renames or reclassifies ("Deles med") a document; 409 when someone changed it since the caller read it. */
export async function updateDocument(trx: Trx, ctx: RequestContext, documentId: string, input: DocumentUpdate): Promise<DocumentView> {
  const { caseId, row, reason } = await loadDocument(trx, ctx, documentId, 'edit');
  const updated = await trx.updateTable('case_documents').set({
    ...(input.title !== undefined ? { title: input.title } : {}), ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
    version: input.version + 1,
  }).where('id', '=', documentId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The document');
  await audit(trx, ctx, { action: 'update', entityType: 'case_document', entityId: documentId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return (await documentsOf(trx, caseId, documentId))[0]!;
}

export async function deleteDocument(trx: Trx, ctx: RequestContext, documentId: string, version: number): Promise<void> {
  const { caseId, row, reason } = await loadDocument(trx, ctx, documentId, 'edit');
  const deleted = await trx.deleteFrom('case_documents').where('id', '=', documentId).where('version', '=', version).returning('id').executeTakeFirst();
  if (!deleted) throw staleVersion('The document');
  await audit(trx, ctx, { action: 'delete', entityType: 'case_document', entityId: documentId, familyIds: [row.family_id], caseIds: [caseId], reason });
}

// ---- The family portal (issue 5 item 2): the family's own documents shared with them, never internal ones. ----

const portalShown = visibleTo.family;
const strip = ({ caseId: _, ...d }: SharedDocument & { caseId: string }): SharedDocument => d;

export async function listPortalDocuments(trx: Trx, ctx: RequestContext): Promise<PortalDocuments> {
  const cases = await custodyCases(trx, ctx.actor.personId!);
  const documents = await sharedDocuments(trx, cases.map((c) => c.id), portalShown);
  await audit(trx, ctx, {
    action: 'read', entityType: 'portal_documents', familyIds: [...new Set(cases.map((c) => c.family_id))], caseIds: cases.map((c) => c.id), reason: 'parent',
  });
  return { documents: documents.map(strip) };
}

/** 404 unless the document is of the parent's own family and shared with the family (or the partners). */
export async function getPortalDocumentContent(trx: Trx, ctx: RequestContext, documentId: string): Promise<StoredFile> {
  const cases = await custodyCases(trx, ctx.actor.personId!);
  const [document] = await sharedDocuments(trx, cases.map((c) => c.id), portalShown, documentId);
  if (!document) throw notFound('The document');
  const familyId = cases.find((c) => c.id === document.caseId)!.family_id;
  const file = await fileOf(trx, documentId);
  await audit(trx, ctx, { action: 'export', entityType: 'portal_document', entityId: documentId, familyIds: [familyId], caseIds: [document.caseId], reason: 'parent' });
  return file;
}

// ---- The partner view (issue 5 item 4): documents staff shared with partners, of the cases the partner may see. ----

/** The case's documents shared with partners; the caller has checked the partner rule and audits the view. */
export async function partnerDocumentsOf(trx: Trx, caseId: string): Promise<SharedDocument[]> {
  return (await sharedDocuments(trx, [caseId], visibleTo.partners)).map(strip);
}

/** 404 unless the partner may see the case now (policy.ts partner rule) and the document is shared with partners. */
export async function getPartnerDocumentContent(trx: Trx, ctx: RequestContext, documentId: string): Promise<StoredFile> {
  const caseId = await caseOfDocument(trx, documentId);
  const partnerCase = caseId ? await partnerCaseOf(trx, ctx.actor, todayIn(ctx.clock), caseId) : undefined;
  const reason = requirePartner(partnerCase?.reason, 'The document');
  const [document] = await sharedDocuments(trx, [caseId!], visibleTo.partners, documentId);
  if (!document) throw notFound('The document');
  const file = await fileOf(trx, documentId);
  await audit(trx, ctx, { action: 'export', entityType: 'partner_document', entityId: documentId, familyIds: [partnerCase!.family_id], caseIds: [caseId!], reason });
  return file;
}
