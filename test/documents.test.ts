import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxDocumentBytes } from '../src/modules/document/rules.js';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { pdfBytes } from './document-fixtures.js';
import { countRows } from './inspect.js';
import { givePortalEmail, loginToPortal, type PortalSession } from './portal-fixtures.js';

/**
 * Issue 5: "minutes and documents shared with the family" and "oversized … attachments → a clear 4xx". Staff with
 * need-to-know upload, list, download, reclassify and delete a case's documents; the family sees and downloads only
 * documents shared with them; a partner only those shared with partners. A file is checked by its first bytes, at
 * most 10 MiB, and always served as an attachment that no browser sniffs.
 */
let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let otherFamily: TestFamily;
let coordinator: TestUser;
let lead: Session;
let coreTeam: Session;
let stranger: Session;
let partner: Session;
let foreignLead: Session;
let foreignDocumentId: string;
let portal: PortalSession;

interface ErrorBody { error: { code: string; message: string; details: Array<{ field: string; code: string }> } }
interface Doc { id: string; title: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; visibility: string; uploadedBy: string; version: number }
interface Docs { documents: Doc[]; abilities: Record<string, boolean>; maxBytes: number }

const pngBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-test-image')]);
const upload = (over: Record<string, unknown> = {}, bytes: Buffer = pdfBytes) => ({
  title: 'Udtalelse fra PPR', fileName: 'udtalelse.pdf', contentType: 'application/pdf', content: bytes.toString('base64'), ...over,
});
const rows = () => countRows(t.db, 'case_documents');
/** Generated once: one byte over the limit, and a body far over the route's body limit. */
const justOver = Buffer.alloc(maxDocumentBytes + 1, 0x41);
justOver.write('%PDF-1.7\n');
const farOverBase64 = 'QUFB'.repeat(Math.ceil((12 * 1024 * 1024) / 3));

async function post(session: Session, caseId: string, body: unknown) {
  return client(t.app, session).post(`/api/cases/${caseId}/documents`, body);
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Mette Dokument' });
  const member = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
  const outsider = await makeUser(t.db, m, { roles: ['coordinator'] });
  const school = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school' });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator });
  otherFamily = await makeFamilyWithCase(t.db, m, { lead: coordinator });
  await addTeamMember(t.db, family.caseId, member);
  await addTeamMember(t.db, family.caseId, school, { teamRole: 'school' });
  await t.db.insertInto('consents').values({
    municipality_id: m.id, family_id: family.familyId, department_id: m.departments.school, given_on: '2026-11-01', given_by_person_id: family.parent.id,
    source: 'portal', created_at: new Date('2026-11-01T10:00:00Z'),
  }).execute();
  lead = await loginAs(t.app, coordinator);
  coreTeam = await loginAs(t.app, member);
  stranger = await loginAs(t.app, outsider);
  partner = await loginAs(t.app, school);
  portal = await loginToPortal(t.app, t.db, await givePortalEmail(t.db, family.parent.id));

  const b = await makeMunicipality(t.db, { name: 'Anden Kommune' });
  const bCoordinator = await makeUser(t.db, b, { roles: ['coordinator'], hasAuthority: true });
  const bFamily = await makeFamilyWithCase(t.db, b, { lead: bCoordinator });
  foreignLead = await loginAs(t.app, bCoordinator);
  foreignDocumentId = ((await post(foreignLead, bFamily.caseId, upload({ visibility: 'family' }))).json() as Doc).id;
});

afterAll(async () => {
  await t?.close();
});

describe('documents of a case (issue 5)', () => {
  let documentId: string;

  it('first the coordinator uploads a PDF; the list shows it without its content, and the download returns the same bytes as an attachment', async () => {
    const created = await post(lead, family.caseId, upload());
    expect(created.statusCode, created.body).toBe(201);
    const doc = created.json() as Doc;
    documentId = doc.id;
    expect(doc).toMatchObject({
      title: 'Udtalelse fra PPR', fileName: 'udtalelse.pdf', contentType: 'application/pdf', sizeBytes: pdfBytes.length, visibility: 'internal',
      uploadedBy: 'Mette Dokument', version: 1, sha256: createHash('sha256').update(pdfBytes).digest('hex'),
    });
    const list = await client(t.app, lead).get(`/api/cases/${family.caseId}/documents`);
    expect(list.statusCode).toBe(200);
    const docs = list.json() as Docs;
    expect(docs.documents.map((d) => d.id)).toEqual([documentId]);
    expect(docs.abilities.canUpload).toBe(true);
    expect(docs.maxBytes).toBe(10 * 1024 * 1024);
    expect(list.body).not.toContain(pdfBytes.toString('base64'));

    const download = await client(t.app, lead).get(`/api/documents/${documentId}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdfBytes)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="udtalelse.pdf"; filename*=UTF-8''udtalelse.pdf`);
    expect(download.headers['cache-control']).toBe('no-store');
  });

  it('a file name with a path, quotes and non-ASCII letters is stored without the path and served with a safe header', async () => {
    const created = await post(lead, family.caseId, upload({ title: 'Billede', fileName: '../../etc/"Søren"\r\n.png', contentType: 'image/png' }, pngBytes));
    expect(created.statusCode, created.body).toBe(201);
    const doc = created.json() as Doc;
    expect(doc.fileName).toBe('_Søren___.png');
    const download = await client(t.app, lead).get(`/api/documents/${doc.id}/content`);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="_S_ren___.png"; filename*=UTF-8''_S%C3%B8ren___.png`);
    expect((await client(t.app, lead).delete(`/api/documents/${doc.id}?version=${doc.version}`)).statusCode).toBe(204);
  });

  it('an oversized upload is refused with 413 naming the 10 MiB limit, and nothing is written — just over the limit, and far over the body limit', async () => {
    const before = await rows();
    const over = await post(lead, family.caseId, upload({}, justOver));
    expect(over.statusCode, over.body.slice(0, 200)).toBe(413);
    expect((over.json() as ErrorBody).error).toMatchObject({ code: 'document_too_large', message: expect.stringContaining('10 MiB') });
    const huge = await post(lead, family.caseId, { ...upload(), content: farOverBase64 });
    expect(huge.statusCode, huge.body.slice(0, 200)).toBe(413);
    expect((huge.json() as ErrorBody).error).toMatchObject({ code: 'document_too_large', message: expect.stringContaining('10 MiB') });
    expect(await rows()).toBe(before);
  });

  it.each([
    ['a PNG declared as PDF (wrong magic bytes)', upload({}, pngBytes), 'document_content_mismatch'],
    ['a PDF declared as JPEG', upload({ contentType: 'image/jpeg' }), 'document_content_mismatch'],
    ['a binary file declared as text', upload({ contentType: 'text/plain' }, Buffer.from([0x41, 0x00, 0xff])), 'document_content_mismatch'],
    ['an HTML file', upload({ contentType: 'text/html' }, Buffer.from('<script>alert(1)</script>')), 'document_type_not_allowed'],
    ['content that is not base64', { ...upload(), content: 'not base64!' }, 'document_content_invalid'],
  ])('%s → 422, nothing written', async (_title, body, code) => {
    const before = await rows();
    const response = await post(lead, family.caseId, body);
    expect(response.statusCode, response.body).toBe(422);
    expect((response.json() as ErrorBody).error.code).toBe(code);
    expect(await rows()).toBe(before);
  });

  it('staff without need-to-know get 404 for the list, the download and every change; a core-team member may read but not change (403)', async () => {
    for (const [method, url, payload] of [
      ['GET', `/api/cases/${family.caseId}/documents`, undefined], ['GET', `/api/documents/${documentId}/content`, undefined],
      ['POST', `/api/cases/${family.caseId}/documents`, upload()], ['PATCH', `/api/documents/${documentId}`, { title: 'Udefra', version: 1 }],
      ['DELETE', `/api/documents/${documentId}?version=1`, undefined],
    ] as const) {
      const response = await client(t.app, stranger).request(method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await client(t.app, coreTeam).get(`/api/documents/${documentId}/content`)).statusCode).toBe(200);
    expect(((await client(t.app, coreTeam).get(`/api/cases/${family.caseId}/documents`)).json() as Docs).abilities.canUpload).toBe(false);
    expect((await post(coreTeam, family.caseId, upload())).statusCode).toBe(403);
    expect((await client(t.app, coreTeam).patch(`/api/documents/${documentId}`, { visibility: 'family', version: 1 })).statusCode).toBe(403);
  });

  it('another municipality\'s document is 404 to staff, exactly like an unknown id', async () => {
    const foreign = await client(t.app, lead).get(`/api/documents/${foreignDocumentId}/content`);
    const unknown = await client(t.app, lead).get('/api/documents/00000000-0000-4000-8000-000000000000/content');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(unknown.body);
    expect((await client(t.app, lead).patch(`/api/documents/${foreignDocumentId}`, { title: 'Udefra', version: 1 })).statusCode).toBe(404);
    expect((await client(t.app, foreignLead).get(`/api/documents/${foreignDocumentId}/content`)).statusCode).toBe(200);
  });

  it('the family sees nothing internal: the document is not listed and its download is 404 until staff share it', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/portal/documents', headers: portal.headers });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { documents: unknown[] }).documents).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/portal/documents/${documentId}/content`, headers: portal.headers })).statusCode).toBe(404);
  });

  it('reclassifying with a stale version is 409; with the current version the family then sees and downloads it', async () => {
    const shared = await client(t.app, lead).patch(`/api/documents/${documentId}`, { visibility: 'family', title: 'Udtalelse (delt)', version: 1 });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ visibility: 'family', title: 'Udtalelse (delt)', version: 2 });
    const stale = await client(t.app, lead).patch(`/api/documents/${documentId}`, { visibility: 'internal', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as ErrorBody).error.code).toBe('version_conflict');

    const list = await t.app.inject({ method: 'GET', url: '/api/portal/documents', headers: portal.headers });
    expect(list.json()).toEqual({ documents: [expect.objectContaining({ id: documentId, title: 'Udtalelse (delt)', childFirstName: family.child.firstName })] });
    const download = await t.app.inject({ method: 'GET', url: `/api/portal/documents/${documentId}/content`, headers: portal.headers });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdfBytes)).toBe(true);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('the family never reaches another family\'s or municipality\'s document, shared or not', async () => {
    const other = (await post(lead, otherFamily.caseId, upload({ visibility: 'family' }))).json() as Doc;
    for (const id of [other.id, foreignDocumentId]) {
      expect((await t.app.inject({ method: 'GET', url: `/api/portal/documents/${id}/content`, headers: portal.headers })).statusCode, id).toBe(404);
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/portal/documents', headers: portal.headers });
    expect((list.json() as { documents: Doc[] }).documents.map((d) => d.id)).toEqual([documentId]);
  });

  it('a partner with consent sees only documents shared with partners in the partner view, and downloads only those', async () => {
    const view = async () => (await client(t.app, partner).get(`/api/partner/cases/${family.caseId}`)).json() as { documents: Doc[] };
    expect((await view()).documents).toEqual([]);
    expect((await client(t.app, partner).get(`/api/partner/documents/${documentId}/content`)).statusCode).toBe(404);
    // Staff cannot download through the partner route either: it is the partner rule.
    expect((await client(t.app, lead).get(`/api/partner/documents/${documentId}/content`)).statusCode).toBe(404);
    await client(t.app, lead).patch(`/api/documents/${documentId}`, { visibility: 'partners', version: 2 });
    expect((await view()).documents.map((d) => d.id)).toEqual([documentId]);
    const download = await client(t.app, partner).get(`/api/partner/documents/${documentId}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdfBytes)).toBe(true);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('every list, download and change is audited with the reason; deleting removes the row and is audited too', async () => {
    // Removed only at the version the caller saw: an older one is 409 and the document stays.
    const { version } = await t.db.selectFrom('case_documents').select('version').where('id', '=', documentId).executeTakeFirstOrThrow();
    const stale = await client(t.app, lead).delete(`/api/documents/${documentId}?version=${version - 1}`);
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'version_conflict' } });
    expect(await t.db.selectFrom('case_documents').select('id').where('id', '=', documentId).execute()).toEqual([{ id: documentId }]);
    const del = await client(t.app, lead).delete(`/api/documents/${documentId}?version=${version}`);
    expect(del.statusCode).toBe(204);
    expect(await t.db.selectFrom('case_documents').select('id').where('id', '=', documentId).execute()).toEqual([]);
    expect((await client(t.app, lead).get(`/api/documents/${documentId}/content`)).statusCode).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_type', 'entity_id', sql<string | null>`entry->>'reason'`.as('reason')])
      .where('municipality_id', '=', m.id).where('entity_type', 'in', ['case_document', 'case_documents', 'portal_documents', 'portal_document', 'partner_document']).execute();
    const reasons = Object.fromEntries(audit.map((r) => [r.entity_type, r.reason]));
    expect(reasons).toMatchObject({ case_documents: expect.any(String), portal_documents: 'parent', portal_document: 'parent', partner_document: 'partner_core_team' });
    const seen = new Set(audit.filter((r) => r.entity_id === documentId || r.entity_type !== 'case_document').map((r) => `${r.action} ${r.entity_type}`));
    expect([...seen].sort()).toEqual([
      'create case_document', 'delete case_document', 'export case_document', 'export partner_document', 'export portal_document',
      'read case_documents', 'read portal_documents', 'update case_document',
    ]);
  });
});
