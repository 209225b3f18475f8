import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';
import type { Instrument, ItemKind, NationalItem, SurveyModel, WaveMode, WavePhase } from './rules.js';
import type { InstrumentVersionSummary, SurveyThemeView, WaveView } from './schema.js';

/** Queries of the surveys (migration 0020). */

export async function listInstrumentVersions(trx: Trx, instrument: Instrument): Promise<InstrumentVersionSummary[]> {
  const rows = await trx.selectFrom('survey_instrument_versions as v')
    .select((eb) => ['v.id', 'v.version_no', 'v.published_at', 'v.note',
      eb.selectFrom('survey_items as i').whereRef('i.version_id', '=', 'v.id').select((e) => e.fn.countAll<string>().as('n')).as('item_count')])
    .where('v.instrument', '=', instrument).orderBy('v.version_no', 'desc').execute();
  return rows.map((r) => ({ id: r.id, versionNo: r.version_no, publishedAt: new Date(r.published_at).toISOString(), note: r.note, itemCount: Number(r.item_count ?? 0) }));
}

export interface ItemRow {
  id: string; key: string; position: number; themeKey: string; themeTitleDa: string; themeTitleEn: string; kind: ItemKind;
  textDa: string; textEn: string; origin: 'national' | 'municipal'; source: string | null;
}

export async function listItems(trx: Trx, versionId: string): Promise<ItemRow[]> {
  const rows = await trx.selectFrom('survey_items').selectAll().where('version_id', '=', versionId).orderBy('position').execute();
  return rows.map((r) => ({
    id: r.id, key: r.item_key, position: r.position, themeKey: r.theme_key, themeTitleDa: r.theme_title_da, themeTitleEn: r.theme_title_en,
    kind: r.kind as ItemKind, textDa: r.text_da, textEn: r.text_en, origin: r.origin as 'national' | 'municipal', source: r.source,
  }));
}

/** Items grouped by theme, in item order. */
export function themesOf(items: ItemRow[]): SurveyThemeView[] {
  const themes: SurveyThemeView[] = [];
  for (const item of items) {
    let theme = themes.find((t) => t.key === item.themeKey);
    if (!theme) themes.push(theme = { key: item.themeKey, titleDa: item.themeTitleDa, titleEn: item.themeTitleEn, items: [] });
    theme.items.push({ id: item.id, key: item.key, kind: item.kind, textDa: item.textDa, textEn: item.textEn, origin: item.origin, source: item.source });
  }
  return themes;
}

export interface NewItemRow {
  key: string; themeKey: string; themeTitleDa: string; themeTitleEn: string; kind: ItemKind; textDa: string; textEn: string;
  origin: 'national' | 'municipal'; source: string | null;
}

/** Inserts a version with its items; null when another version with the same number was published first. */
export async function insertInstrumentVersion(trx: Trx, values: {
  municipalityId: string; instrument: Instrument; versionNo: number; publishedBy: string | null; publishedAt: Date; note: string;
}, items: NewItemRow[]): Promise<string | null> {
  const version = await trx.insertInto('survey_instrument_versions').values({
    municipality_id: values.municipalityId, instrument: values.instrument, version_no: values.versionNo, published_by: values.publishedBy,
    published_at: values.publishedAt, note: values.note,
  }).onConflict((oc) => oc.constraint('survey_instrument_versions_no_unique').doNothing()).returning('id').executeTakeFirst();
  if (!version) return null;
  await trx.insertInto('survey_items').values(items.map((item, position) => ({
    municipality_id: values.municipalityId, version_id: version.id, item_key: item.key, position, theme_key: item.themeKey,
    theme_title_da: item.themeTitleDa, theme_title_en: item.themeTitleEn, kind: item.kind, text_da: item.textDa, text_en: item.textEn,
    origin: item.origin, source: item.source,
  }))).execute();
  return version.id;
}

export function nationalRows(items: NationalItem[]): NewItemRow[] {
  return items.map((i) => ({
    key: i.key, themeKey: i.themeKey, themeTitleDa: i.themeTitleDa, themeTitleEn: i.themeTitleEn, kind: 'scale', textDa: i.textDa, textEn: i.textEn,
    origin: 'national', source: i.source,
  }));
}

export interface WaveRow {
  id: string; instrument: Instrument; model: SurveyModel; series: string; phase: WavePhase; mode: WaveMode; instrumentVersionId: string;
  versionNo: number; opensOn: string; closesOn: string | null; closedAt: Date | null; version: number; invited: number; responded: number;
}

function waveQuery(trx: Trx) {
  return trx.selectFrom('survey_waves as w')
    .innerJoin('survey_instrument_versions as v', (j) => j.onRef('v.municipality_id', '=', 'w.municipality_id').onRef('v.id', '=', 'w.instrument_version_id'))
    .select((eb) => ['w.id', 'w.instrument', 'w.model', 'w.series', 'w.phase', 'w.mode', 'w.instrument_version_id', 'v.version_no', 'w.opens_on', 'w.closes_on',
      'w.closed_at', 'w.version',
      eb.selectFrom('survey_invitations as i').whereRef('i.wave_id', '=', 'w.id').select((e) => e.fn.countAll<string>().as('n')).as('invited'),
      eb.selectFrom('survey_invitations as i').whereRef('i.wave_id', '=', 'w.id').where('i.responded', '=', true)
        .select((e) => e.fn.countAll<string>().as('n')).as('responded')]);
}

type WaveQueryRow = Awaited<ReturnType<ReturnType<typeof waveQuery>['executeTakeFirstOrThrow']>>;
const toDate = (v: string | Date) => (typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

function waveOf(r: WaveQueryRow): WaveRow {
  return {
    id: r.id, instrument: r.instrument as Instrument, model: r.model as SurveyModel, series: r.series, phase: r.phase as WavePhase, mode: r.mode as WaveMode,
    instrumentVersionId: r.instrument_version_id, versionNo: r.version_no, opensOn: toDate(r.opens_on), closesOn: r.closes_on === null ? null : toDate(r.closes_on),
    closedAt: r.closed_at, version: r.version, invited: Number(r.invited ?? 0), responded: Number(r.responded ?? 0),
  };
}

export async function listWaves(trx: Trx): Promise<WaveRow[]> {
  const rows = await waveQuery(trx).orderBy('w.opens_on', 'desc').orderBy('w.instrument').orderBy('w.model').execute();
  return rows.map(waveOf);
}

export async function findWave(trx: Trx, id: string): Promise<WaveRow | undefined> {
  const row = await waveQuery(trx).where('w.id', '=', id).executeTakeFirst();
  return row ? waveOf(row) : undefined;
}

export function waveView(wave: WaveRow, open: boolean): WaveView {
  return {
    id: wave.id, instrument: wave.instrument, model: wave.model, series: wave.series, phase: wave.phase, mode: wave.mode, versionNo: wave.versionNo,
    opensOn: wave.opensOn, closesOn: wave.closesOn, open, invited: wave.invited, responded: wave.responded,
    responseRate: wave.invited > 0 ? wave.responded / wave.invited : null, version: wave.version,
  };
}

/** Parents with custody in families with an open case of the model (one row per parent and case). */
export async function parentsInModel(trx: Trx, model: SurveyModel): Promise<Array<{ personId: string; caseId: string; email: string | null; openedOn: string; closedOn: string | null }>> {
  const rows = await sql<{ person_id: string; case_id: string; email: string | null; opened_on: string | Date; closed_on: string | Date | null }>`
    select distinct on (fm.person_id) fm.person_id, c.id as case_id, p.email, c.opened_on, c.closed_on
      from cases c
      join family_members fm on fm.municipality_id = c.municipality_id and fm.family_id = c.family_id and fm.relation in ('parent', 'carer') and fm.has_custody
      join persons p on p.municipality_id = fm.municipality_id and p.id = fm.person_id
     where c.model = ${model} and c.status <> 'closed'
     order by fm.person_id, c.opened_on`.execute(trx);
  return rows.rows.map((r) => ({ personId: r.person_id, caseId: r.case_id, email: r.email, openedOn: toDate(r.opened_on), closedOn: r.closed_on === null ? null : toDate(r.closed_on) }));
}

/** Every case of the model with its custody parents, open or closed (the continuous mode also invites at case end). */
export async function casesWithParents(trx: Trx, model: SurveyModel): Promise<Array<{ personId: string; caseId: string; email: string | null; openedOn: string; closedOn: string | null }>> {
  const rows = await sql<{ person_id: string; case_id: string; email: string | null; opened_on: string | Date; closed_on: string | Date | null }>`
    select fm.person_id, c.id as case_id, p.email, c.opened_on, c.closed_on
      from cases c
      join family_members fm on fm.municipality_id = c.municipality_id and fm.family_id = c.family_id and fm.relation in ('parent', 'carer') and fm.has_custody
      join persons p on p.municipality_id = fm.municipality_id and p.id = fm.person_id
     where c.model = ${model}
     order by c.opened_on, fm.person_id`.execute(trx);
  return rows.rows.map((r) => ({ personId: r.person_id, caseId: r.case_id, email: r.email, openedOn: toDate(r.opened_on), closedOn: r.closed_on === null ? null : toDate(r.closed_on) }));
}

/** Active staff assigned today to an open case of the model (004:4721-4722: caseworkers and family coordinators). */
export async function staffInModel(trx: Trx, model: SurveyModel, today: string): Promise<Array<{ userId: string; email: string }>> {
  const rows = await sql<{ user_id: string; email: string }>`
    select distinct u.id as user_id, u.email
      from case_assignments a
      join cases c on c.municipality_id = a.municipality_id and c.id = a.case_id
      join users u on u.municipality_id = a.municipality_id and u.id = a.user_id
     where c.model = ${model} and c.status <> 'closed' and u.active
       and a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${today}::date)`.execute(trx);
  return rows.rows.map((r) => ({ userId: r.user_id, email: r.email }));
}

export interface InvitationRow {
  id: string; waveId: string; personId: string | null; userId: string | null; caseId: string | null; channel: string; invitedAt: Date;
  lastRemindedAt: Date | null; responded: boolean;
}

const invitationOf = (r: { id: string; wave_id: string; person_id: string | null; user_id: string | null; case_id: string | null; channel: string; invited_at: Date; last_reminded_at: Date | null; responded: boolean }): InvitationRow => ({
  id: r.id, waveId: r.wave_id, personId: r.person_id, userId: r.user_id, caseId: r.case_id, channel: r.channel, invitedAt: new Date(r.invited_at),
  lastRemindedAt: r.last_reminded_at ? new Date(r.last_reminded_at) : null, responded: r.responded,
});

const invitationColumns = ['id', 'wave_id', 'person_id', 'user_id', 'case_id', 'channel', 'invited_at', 'last_reminded_at', 'responded'] as const;

export async function findInvitation(trx: Trx, id: string): Promise<InvitationRow | undefined> {
  const row = await trx.selectFrom('survey_invitations').select(invitationColumns).where('id', '=', id).executeTakeFirst();
  return row ? invitationOf(row) : undefined;
}

export async function findInvitationByToken(trx: Trx, tokenHash: string): Promise<InvitationRow | undefined> {
  const row = await trx.selectFrom('survey_invitations').select(invitationColumns).where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? invitationOf(row) : undefined;
}

export async function invitationsOfWave(trx: Trx, waveId: string): Promise<InvitationRow[]> {
  const rows = await trx.selectFrom('survey_invitations').select(invitationColumns).where('wave_id', '=', waveId).execute();
  return rows.map(invitationOf);
}

export async function invitationsOf(trx: Trx, who: { personId?: string; userId?: string }): Promise<InvitationRow[]> {
  let query = trx.selectFrom('survey_invitations').select(invitationColumns);
  if (who.personId) query = query.where('person_id', '=', who.personId);
  else if (who.userId) query = query.where('user_id', '=', who.userId);
  else return [];
  return (await query.orderBy('invited_at', 'desc').execute()).map(invitationOf);
}

/** Adds an invitation unless the respondent already has one for the wave; returns its id when added. */
export async function insertInvitation(trx: Trx, values: {
  municipalityId: string; waveId: string; personId: string | null; userId: string | null; caseId: string | null; channel: 'portal' | 'link' | 'app';
  tokenHash: string | null; invitedAt: Date;
}): Promise<string | null> {
  const row = await trx.insertInto('survey_invitations').values({
    municipality_id: values.municipalityId, wave_id: values.waveId, person_id: values.personId, user_id: values.userId, case_id: values.caseId,
    channel: values.channel, token_hash: values.tokenHash, invited_at: values.invitedAt,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return row?.id ?? null;
}

/** Marks the invitation answered; false when it already was (the first answer stands). Atomic under concurrency. */
export async function markResponded(trx: Trx, invitationId: string): Promise<boolean> {
  const row = await trx.updateTable('survey_invitations').set({ responded: true })
    .where('id', '=', invitationId).where('responded', '=', false).returning('id').executeTakeFirst();
  return row !== undefined;
}

/**
 * Stores an anonymous response: the wave, the instrument version and the pairing pseudonym; no person, case,
 * invitation or time. Its id is random (gen_random_uuid), so it carries no order either.
 */
export async function insertResponse(trx: Trx, values: { municipalityId: string; waveId: string; versionId: string; pairingKey: string | null },
  answers: Array<{ itemId: string; value: number | null; text: string | null }>): Promise<void> {
  const response = await trx.insertInto('survey_responses').values({
    municipality_id: values.municipalityId, wave_id: values.waveId, instrument_version_id: values.versionId, pairing_key: values.pairingKey,
  }).returning('id').executeTakeFirstOrThrow();
  if (answers.length > 0) {
    await trx.insertInto('survey_answers').values(answers.map((a) => ({
      municipality_id: values.municipalityId, response_id: response.id, item_id: a.itemId, value: a.value, free_text: a.text,
    }))).execute();
  }
}
