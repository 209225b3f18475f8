import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { makeFamilyPortalWorld, send, type FamilyPortalWorld } from './family-portal-setup.js';

/**
 * Issue 5 item 5: the child's page. The parents allow it; the child answers Dialoglinealen smiley questions
 * (000:479-483) in the parent's session; the caseworker sees them with the child's voice beside the joint plan.
 */

let t: TestApp;
let w: FamilyPortalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await makeFamilyPortalWorld(t);
});
afterAll(async () => {
  await t?.close();
});

const page = () => `/api/portal/children/${w.family.child.id}/child-page`;
const answersUrl = () => `${page()}/answers`;
const countScores = async () => (await t.db.selectFrom('dialogue_ruler_scores').select('id').execute()).length;
const answers = { answers: [{ question: 'general', score: 4 }, { question: 'school', score: 2 }, { question: 'friends', score: 5 }] };

describe('the child\'s page', () => {
  it('is closed until a parent allows it: answers are 422 and nothing is written', async () => {
    const list = await send(t, w.parent, 'GET', '/api/portal/children');
    expect(list.json().children).toMatchObject([{ childId: w.family.child.id, allowed: false, questions: ['general', 'home', 'school', 'friends', 'free_time'] }]);
    const closed = await send(t, w.parent, 'POST', answersUrl(), answers);
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error.code).toBe('child_page_not_allowed');
    expect(await countScores()).toBe(0);
  });

  it('a parent opens it; a smiley outside 1-5 is 422 with nothing written', async () => {
    expect((await send(t, w.parent, 'GET', page())).json()).toMatchObject({ allowed: false, version: null });
    // Version 0: no parent has chosen yet.
    const opened = await send(t, w.parent, 'PUT', page(), { allowed: true, version: 0 });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ allowed: true, answeredToday: false, version: 1, abilities: { canAnswer: true } });
    const bad = await send(t, w.parent, 'POST', answersUrl(), { answers: [{ question: 'general', score: 4 }, { question: 'home', score: 6 }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'score_range', details: [{ field: 'answers.1.score' }] });
    expect(await countScores()).toBe(0);
  });

  it('the child answers; the answers are Dialoglinealen scores from the child\'s page, and the parent\'s view does not show them', async () => {
    const answered = await send(t, w.parent, 'POST', answersUrl(), answers);
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.body).not.toMatch(/"score"/);
    expect(answered.json()).toMatchObject({ answeredToday: true, abilities: { canAnswer: false } });
    const rows = await t.db.selectFrom('dialogue_ruler_scores').select(['topic', 'score', 'source', 'recorded_by', 'entered_by_person_id']).orderBy('topic').execute();
    expect(rows).toEqual([
      { topic: 'Generelt', score: 4, source: 'child_page', recorded_by: null, entered_by_person_id: w.family.parent.id },
      { topic: 'Skole', score: 2, source: 'child_page', recorded_by: null, entered_by_person_id: w.family.parent.id },
      { topic: 'Venner', score: 5, source: 'child_page', recorded_by: null, entered_by_person_id: w.family.parent.id },
    ]);
  });

  it('a second set of answers the same day is 409', async () => {
    const again = await send(t, w.parent, 'POST', answersUrl(), answers);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_answered_today');
    expect(await countScores()).toBe(3);
  });

  it('the caseworker sees the child\'s answers with the child\'s voice and beside the joint plan', async () => {
    const voice = await send(t, w.staff, 'GET', `/api/children/${w.family.child.id}/voice`);
    expect(voice.statusCode, voice.body).toBe(200);
    expect(voice.json().scores).toEqual(expect.arrayContaining([expect.objectContaining({ topic: 'Skole', score: 2, source: 'child_page', recordedBy: null })]));
    expect(voice.json().topics.map((x: { topic: string }) => x.topic)).toEqual(['Generelt', 'Skole', 'Venner']);
  });

  it('a choice made from an older screen is 409 and changes nothing; without a version it is 400', async () => {
    const permission = () => t.db.selectFrom('child_page_permissions').select(['allowed', 'version', 'set_at']).where('child_id', '=', w.family.child.id).executeTakeFirstOrThrow();
    const before = await permission();
    const audits = async () => (await t.db.selectFrom('audit_log').select('seq').where('entity_type', '=', 'child_page_permission').execute()).length;
    const auditsBefore = await audits();
    // The other parent still saw the page closed (no choice yet, version 0) and "closes" it: refused, it stays open.
    const stale = await send(t, w.parent, 'PUT', page(), { allowed: false, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'version_conflict', details: [{ field: 'version', code: 'stale' }] } });
    const missing = await send(t, w.parent, 'PUT', page(), { allowed: false });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: { details: [{ field: 'version', code: 'required' }] } });
    expect(await permission()).toEqual(before);
    expect(await audits()).toBe(auditsBefore);
  });

  it('a parent closes it again; then the page refuses answers (the next day too)', async () => {
    const closed = await send(t, w.parent, 'PUT', page(), { allowed: false, version: 1 });
    expect(closed.json()).toMatchObject({ allowed: false, version: 2 });
    t.clock.set('2026-11-23T09:00:00Z');
    const { loginToPortal } = await import('./portal-fixtures.js');
    const parent = await loginToPortal(t.app, t.db, `portal-${w.family.parent.id.slice(0, 8)}@example.test`);
    expect((await send(t, parent, 'POST', answersUrl(), answers)).statusCode).toBe(422);
  });

  it('another family\'s parent gets 404 for this child and changes nothing; staff cookies are refused', async () => {
    const before = await countScores();
    const { loginToPortal } = await import('./portal-fixtures.js');
    const other = await loginToPortal(t.app, t.db, `portal-${w.otherFamily.parent.id.slice(0, 8)}@example.test`);
    expect((await send(t, other, 'GET', page())).statusCode).toBe(404);
    expect((await send(t, other, 'PUT', page(), { allowed: true, version: 2 })).statusCode).toBe(404);
    expect((await send(t, other, 'POST', answersUrl(), answers)).statusCode).toBe(404);
    // The parent's own id is not a child of the family.
    expect((await send(t, other, 'GET', `/api/portal/children/${w.otherFamily.parent.id}/child-page`)).statusCode).toBe(404);
    expect((await send(t, w.staff, 'GET', page())).statusCode).toBe(401);
    expect(await countScores()).toBe(before);
    const permission = await t.db.selectFrom('child_page_permissions').select('allowed').where('child_id', '=', w.family.child.id).executeTakeFirstOrThrow();
    expect(permission.allowed).toBe(false);
  });
});

describe('the contact agreement in the portal (issue 5 item 3)', () => {
  it('the parent revises it with the contact module\'s rules; the revision is recorded as by the parent', async () => {
    const { loginToPortal } = await import('./portal-fixtures.js');
    const parent = await loginToPortal(t.app, t.db, `portal-${w.family.parent.id.slice(0, 8)}@example.test`);
    const empty = await send(t, parent, 'GET', '/api/portal/contact-agreement');
    expect(empty.json()).toMatchObject({ current: null });
    const noLimit = await send(t, parent, 'PUT', '/api/portal/contact-agreement', { channels: ['sms'], everyDays: 30, prefersSpace: true, revision: 0 });
    expect(noLimit.statusCode).toBe(422);
    const written = await send(t, parent, 'PUT', '/api/portal/contact-agreement', { channels: ['sms'], everyDays: 30, prefersSpace: true, maxContactsPer30Days: 2, revision: 0 });
    expect(written.statusCode, written.body).toBe(200);
    expect(written.json().current).toMatchObject({ revision: 1, channels: ['sms'], recordedBy: `${w.family.parent.firstName} ${w.family.parent.lastName}` });
    const stale = await send(t, parent, 'PUT', '/api/portal/contact-agreement', { channels: ['phone'], everyDays: 14, revision: 0 });
    expect(stale.statusCode).toBe(409);
    const row = await t.db.selectFrom('contact_agreements').select(['recorded_by', 'recorded_by_person_id']).executeTakeFirstOrThrow();
    expect(row).toEqual({ recorded_by: null, recorded_by_person_id: w.family.parent.id });
    const staff = await send(t, await (await import('./factories.js')).loginAs(t.app, w.coordinator), 'GET', `/api/families/${w.family.familyId}/contact-agreement`);
    expect(staff.json().current).toMatchObject({ revision: 1, prefersSpace: true, maxContactsPer30Days: 2 });
  });
});
