import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestUser } from './factories.js';

/**
 * One of every survey record (issue 10, migration 0020) for a family's municipality: an instrument version with an
 * item, a wave, a parent's and a staff member's invitation, and an anonymous response with an answer.
 */
export interface TestSurveyRecords { versionId: string; waveId: string; invitationId: string; staffInvitationId: string }

export async function makeSurveyRecords(db: Database, family: TestFamily, staff: TestUser): Promise<TestSurveyRecords> {
  const municipalityId = family.municipalityId;
  const version = await db.insertInto('survey_instrument_versions').values({
    municipality_id: municipalityId, instrument: 'parent', version_no: 1, note: 'Testversion', published_at: new Date('2026-11-01T10:00:00Z'),
  }).returning('id').executeTakeFirstOrThrow();
  const item = await db.insertInto('survey_items').values({
    municipality_id: municipalityId, version_id: version.id, item_key: 'p_sam_1', position: 0, theme_key: 'sammenhaeng', theme_title_da: 'Sammenhæng',
    theme_title_en: 'Coherence', text_da: '… du er velinformeret?', text_en: '…you are well informed?', origin: 'national',
  }).returning('id').executeTakeFirstOrThrow();
  const wave = await db.insertInto('survey_waves').values({
    municipality_id: municipalityId, instrument: 'parent', model: 'sof', series: '2026', phase: 'baseline', mode: 'fixed', instrument_version_id: version.id,
    opens_on: '2026-11-01', closes_on: '2026-12-31', created_by: staff.id,
  }).returning('id').executeTakeFirstOrThrow();
  const invitation = await db.insertInto('survey_invitations').values({
    municipality_id: municipalityId, wave_id: wave.id, person_id: family.parent.id, case_id: family.caseId, channel: 'portal', invited_at: new Date('2026-11-02T10:00:00Z'),
  }).returning('id').executeTakeFirstOrThrow();
  const staffVersion = await db.insertInto('survey_instrument_versions').values({
    municipality_id: municipalityId, instrument: 'staff', version_no: 1, note: 'Testversion', published_at: new Date('2026-11-01T10:00:00Z'),
  }).returning('id').executeTakeFirstOrThrow();
  const staffWave = await db.insertInto('survey_waves').values({
    municipality_id: municipalityId, instrument: 'staff', model: 'sof', series: '2026', phase: 'baseline', mode: 'fixed', instrument_version_id: staffVersion.id,
    opens_on: '2026-11-01', closes_on: '2026-12-31', created_by: staff.id,
  }).returning('id').executeTakeFirstOrThrow();
  const staffInvitation = await db.insertInto('survey_invitations').values({
    municipality_id: municipalityId, wave_id: staffWave.id, user_id: staff.id, channel: 'app', invited_at: new Date('2026-11-02T10:00:00Z'),
  }).returning('id').executeTakeFirstOrThrow();
  const response = await db.insertInto('survey_responses').values({
    municipality_id: municipalityId, wave_id: wave.id, instrument_version_id: version.id, pairing_key: 'testpairingkey00000000',
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('survey_answers').values({ municipality_id: municipalityId, response_id: response.id, item_id: item.id, value: 4 }).execute();
  return { versionId: version.id, waveId: wave.id, invitationId: invitation.id, staffInvitationId: staffInvitation.id };
}
