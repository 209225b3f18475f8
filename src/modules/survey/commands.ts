import { createHash, randomBytes } from 'node:crypto';
import { appendAudit, audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Database } from '../../platform/db/database.js';
import { listMunicipalityIds } from '../../platform/db/tenants.js';
import { todayIn } from '../../platform/clock/clock.js';
import { inTenant, type RequestContext, type Trx } from '../../platform/db/tenant.js';
import { conflict, forbidden, notFound, staleVersion, unprocessable, type ErrorDetail } from '../../platform/http/errors.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import { allows, requireRole } from '../../platform/policy/policy.js';
import {
  findWave, insertInstrumentVersion, insertInvitation, listInstrumentVersions, listItems, listWaves, nationalRows, themesOf, waveView,
  invitationsOfWave, parentsInModel, staffInModel, casesWithParents, type NewItemRow, type WaveRow,
} from './repo.js';
import {
  continuousPhaseDue, dontKnowLabel, nationalItems, reminderDue, scaleLabels, waveIsOpen, wavePhases, type Instrument, type WavePhase,
} from './rules.js';
import type { InstrumentVersionInput, InstrumentView, WaveInput, WaveList, WaveView } from './schema.js';

/**
 * The survey's use cases for leaders (issue 10 items 1-2): the instruments as versioned data, the waves, invitations
 * and reminders. Answering is in answering.ts; results in ../survey-analysis.
 */

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Version 1 of each instrument is the national one (evaluation.md §2-3), created the first time the municipality
 * uses the surveys. Returns the version in force.
 */
export async function ensureInstrument(trx: Trx, municipalityId: string, instrument: Instrument, now: Date): Promise<{ id: string; versionNo: number }> {
  const [latest] = await listInstrumentVersions(trx, instrument);
  if (latest) return { id: latest.id, versionNo: latest.versionNo };
  const note = instrument === 'parent'
    ? 'Den nationale forældreundersøgelse (Rambøll 2022, bilag 1: 6 temaer, 26 spørgsmål).'
    : 'Den nationale medarbejderundersøgelse (Rambøll 2022, bilag 2: 8 temaer, 40 spørgsmål).';
  const id = await insertInstrumentVersion(trx, { municipalityId, instrument, versionNo: 1, publishedBy: null, publishedAt: now, note }, nationalRows(nationalItems(instrument)));
  if (id) return { id, versionNo: 1 };
  const [raced] = await listInstrumentVersions(trx, instrument);
  return { id: raced!.id, versionNo: raced!.versionNo };
}

function canSeeSurveys(ctx: RequestContext): boolean {
  return allows(ctx.actor, 'manage_surveys') || allows(ctx.actor, 'read_survey_results');
}

export async function getInstrument(trx: Trx, ctx: RequestContext, instrument: Instrument, versionId?: string): Promise<InstrumentView> {
  if (!canSeeSurveys(ctx)) throw forbidden('Your role does not allow this.');
  await ensureInstrument(trx, ctx.actor.municipalityId, instrument, ctx.clock.now());
  const versions = await listInstrumentVersions(trx, instrument);
  const version = versionId ? versions.find((v) => v.id === versionId) : versions[0];
  if (!version) throw notFound('The survey version');
  return {
    instrument, version, versions, scale: scaleLabels(instrument), dontKnow: dontKnowLabel,
    themes: themesOf(await listItems(trx, version.id)), abilities: { canEdit: allows(ctx.actor, 'manage_surveys') },
  };
}

/**
 * A new version: every released item unchanged, plus the municipality's own items (keys prefixed "m_"). A key that
 * is already used, or a new theme without titles, is refused (422); a version published meanwhile is 409.
 */
export async function publishInstrumentVersion(trx: Trx, ctx: RequestContext, instrument: Instrument, input: InstrumentVersionInput): Promise<InstrumentView> {
  requireRole(ctx.actor, 'manage_surveys');
  const current = await ensureInstrument(trx, ctx.actor.municipalityId, instrument, ctx.clock.now());
  const stale = () => conflict('version_conflict', 'A newer version of the survey was published since you started. Reload it and add your items again.', [
    { field: 'basedOnVersion', code: 'stale', message: 'The version you extended is no longer the one in force.' },
  ]);
  if (current.versionNo !== input.basedOnVersion) throw stale();
  const released = await listItems(trx, current.id);
  const themes = new Map(released.map((i) => [i.themeKey, { da: i.themeTitleDa, en: i.themeTitleEn }]));
  const keys = new Set(released.map((i) => i.key));
  const details: ErrorDetail[] = [];
  const added: NewItemRow[] = input.items.map((item, index) => {
    const key = item.key.startsWith('m_') ? item.key : `m_${item.key}`;
    if (keys.has(key)) details.push({ field: `items.${index}.key`, code: 'duplicate_item', message: `Item ${index + 1}: the key is already used; a released item cannot be changed.` });
    keys.add(key);
    const theme = themes.get(item.themeKey) ?? (item.themeTitleDa && item.themeTitleEn ? { da: item.themeTitleDa, en: item.themeTitleEn } : null);
    if (!theme) details.push({ field: `items.${index}.themeTitleDa`, code: 'theme_title_missing', message: `Item ${index + 1}: a new theme needs a Danish and an English title.` });
    else themes.set(item.themeKey, theme);
    return { key, themeKey: item.themeKey, themeTitleDa: theme?.da ?? '', themeTitleEn: theme?.en ?? '', kind: item.kind, textDa: item.textDa, textEn: item.textEn, origin: 'municipal', source: null };
  });
  if (details.length > 0) throw unprocessable('survey_version_invalid', 'The new items cannot be published.', details);
  const copied: NewItemRow[] = released.map((i) => ({ key: i.key, themeKey: i.themeKey, themeTitleDa: i.themeTitleDa, themeTitleEn: i.themeTitleEn, kind: i.kind, textDa: i.textDa, textEn: i.textEn, origin: i.origin, source: i.source }));
  const id = await insertInstrumentVersion(trx, {
    municipalityId: ctx.actor.municipalityId, instrument, versionNo: current.versionNo + 1, publishedBy: ctx.actor.userId, publishedAt: ctx.clock.now(), note: input.note,
  }, [...copied, ...added]);
  if (id === null) throw stale();
  await audit(trx, ctx, { action: 'create', entityType: 'survey_instrument_version', entityId: id, reason: 'leader' });
  return getInstrument(trx, ctx, instrument, id);
}

export async function waveList(trx: Trx, ctx: RequestContext): Promise<WaveList> {
  if (!canSeeSurveys(ctx)) throw forbidden('Your role does not allow this.');
  const today = todayIn(ctx.clock);
  return { waves: (await listWaves(trx)).map((w) => waveView(w, waveIsOpen(w, today))), abilities: { canManage: allows(ctx.actor, 'manage_surveys') } };
}

/** A wave of the municipality, else 404 (looked up before the role check, so a foreign id answers like an unknown one). */
async function loadWave(trx: Trx, id: string): Promise<WaveRow> {
  const wave = await findWave(trx, id);
  if (!wave) throw notFound('The survey wave');
  return wave;
}

/** A fixed wave (one phase), or a continuous series (all three phases at once, parents only). A taken phase is 409. */
export async function createWave(trx: Trx, ctx: RequestContext, input: WaveInput): Promise<WaveList> {
  requireRole(ctx.actor, 'manage_surveys');
  const details: ErrorDetail[] = [];
  if (input.mode === 'fixed' && input.phase === null) details.push({ field: 'phase', code: 'required', message: 'Say whether the wave is baseline, midway or end.' });
  if (input.mode === 'continuous' && input.instrument !== 'parent') details.push({ field: 'mode', code: 'continuous_parents_only', message: 'Only the parent survey runs continuously (case start, 6 months, case end).' });
  if (input.closesOn !== null && input.closesOn < input.opensOn) details.push({ field: 'closesOn', code: 'before_opening', message: 'The wave cannot close before it opens.' });
  if (details.length > 0) throw unprocessable('survey_wave_invalid', 'The wave cannot be created.', details);
  const version = await ensureInstrument(trx, ctx.actor.municipalityId, input.instrument, ctx.clock.now());
  const phases: readonly WavePhase[] = input.mode === 'continuous' ? wavePhases : [input.phase!];
  for (const phase of phases) {
    const row = await trx.insertInto('survey_waves').values({
      municipality_id: ctx.actor.municipalityId, instrument: input.instrument, model: input.model, series: input.series, phase, mode: input.mode,
      instrument_version_id: version.id, opens_on: input.opensOn, closes_on: input.closesOn, created_by: ctx.actor.userId, created_at: ctx.clock.now(),
    }).onConflict((oc) => oc.constraint('survey_waves_phase_unique').doNothing()).returning('id').executeTakeFirst();
    if (!row) {
      throw conflict('wave_exists', 'This series already has that wave.', [{ field: 'phase', code: 'wave_exists', message: 'The series already has this phase.' }]);
    }
    await audit(trx, ctx, { action: 'create', entityType: 'survey_wave', entityId: row.id, reason: 'leader' });
  }
  return waveList(trx, ctx);
}

export async function closeWave(trx: Trx, ctx: RequestContext, id: string, version: number): Promise<WaveView> {
  const wave = await loadWave(trx, id);
  requireRole(ctx.actor, 'manage_surveys');
  const updated = await trx.updateTable('survey_waves').set({ closed_at: ctx.clock.now(), version: wave.version + 1 })
    .where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The survey wave');
  await audit(trx, ctx, { action: 'update', entityType: 'survey_wave', entityId: id, reason: 'leader' });
  return waveView(await loadWave(trx, id), false);
}

interface Invitee { personId: string | null; userId: string | null; caseId: string | null; email: string | null }

const subjects = { parent: 'Spørgeskema: jeres oplevelse af samarbejdet med kommunen', staff: 'Spørgeskema: medarbejderundersøgelse' };

/**
 * Invites one respondent: parents get a one-time link by e-mail when they have an address (only its hash is stored)
 * and can always answer in the family portal; staff answer in the app and get an e-mail telling them so.
 */
/** What inviting and reminding need: the municipality and the clock (a request's, or the scheduler's). */
export interface SurveyRun { municipalityId: string; clock: Clock }

async function invite(trx: Trx, run: SurveyRun, wave: WaveRow, who: Invitee, publicUrl: string): Promise<{ added: boolean; link: boolean }> {
  const now = run.clock.now();
  const municipalityId = run.municipalityId;
  if (wave.instrument === 'staff') {
    const id = await insertInvitation(trx, { municipalityId, waveId: wave.id, personId: null, userId: who.userId, caseId: null, channel: 'app', tokenHash: null, invitedAt: now });
    if (id && who.email) {
      await enqueue(trx, {
        municipalityId, dedupeKey: `survey-invite:${id}`, kind: 'other', channel: 'email', recipient: who.email, subject: subjects.staff,
        body: `Du er inviteret til at svare på medarbejderundersøgelsen (${wave.series}). Svar i Tovholder under "Spørgeskemaer": ${publicUrl}/surveys/answer\n\nDine svar gemmes anonymt.`,
        notBefore: now,
      });
    }
    return { added: id !== null, link: false };
  }
  const token = who.email ? randomBytes(32).toString('base64url') : null;
  const id = await insertInvitation(trx, {
    municipalityId, waveId: wave.id, personId: who.personId, userId: null, caseId: who.caseId, channel: token ? 'link' : 'portal',
    tokenHash: token ? hashToken(token) : null, invitedAt: now,
  });
  if (id && token && who.email) await enqueue(trx, linkMessage(municipalityId, `survey-invite:${id}`, who.email, wave, `${publicUrl}/survey/${token}.${municipalityId}`, now, false));
  return { added: id !== null, link: id !== null && token !== null };
}

function linkMessage(municipalityId: string, dedupeKey: string, recipient: string, wave: WaveRow, url: string, now: Date, reminder: boolean) {
  return {
    municipalityId, dedupeKey, kind: 'other' as const, channel: 'email' as const, recipient,
    subject: reminder ? `Påmindelse: ${subjects.parent}` : subjects.parent,
    body: `${reminder ? 'Vi mangler stadig dit svar. ' : ''}Kommunen vil gerne høre, hvordan I oplever samarbejdet (${wave.series}). `
      + `Svar via dette personlige link (det virker én gang og kræver ikke login):\n${url}\n\nDu kan også svare i familieportalen. Dine svar gemmes anonymt og vises kun samlet for mindst 5 familier.`,
    notBefore: now,
  };
}

/** Invites everyone the wave is for: parents with custody in open cases of the model, or the staff working on them. */
export async function inviteWave(trx: Trx, ctx: RequestContext, id: string, publicUrl: string): Promise<{ invited: number; links: number; wave: WaveView }> {
  const wave = await loadWave(trx, id);
  requireRole(ctx.actor, 'manage_surveys');
  const today = todayIn(ctx.clock);
  if (!waveIsOpen(wave, today)) throw unprocessable('wave_closed', 'The wave is not open, so nobody can be invited.', [{ field: 'waveId', code: 'wave_closed', message: 'The wave is not open.' }]);
  if (wave.mode === 'continuous') throw unprocessable('wave_continuous', 'A continuous wave invites families by their case dates (run the continuous invitations).', [{ field: 'waveId', code: 'wave_continuous', message: 'Continuous waves invite by case dates.' }]);
  const invitees: Invitee[] = wave.instrument === 'staff'
    ? (await staffInModel(trx, wave.model, today)).map((s) => ({ personId: null, userId: s.userId, caseId: null, email: s.email }))
    : (await parentsInModel(trx, wave.model)).map((p) => ({ personId: p.personId, userId: null, caseId: p.caseId, email: p.email }));
  let invited = 0;
  let links = 0;
  const caseIds: string[] = [];
  for (const who of invitees) {
    const result = await invite(trx, { municipalityId: ctx.actor.municipalityId, clock: ctx.clock }, wave, who, publicUrl);
    if (result.added) {
      invited += 1;
      if (who.caseId) caseIds.push(who.caseId);
    }
    if (result.link) links += 1;
  }
  await audit(trx, ctx, { action: 'create', entityType: 'survey_invitations', entityId: wave.id, caseIds, reason: 'leader' });
  return { invited, links, wave: waveView(await loadWave(trx, id), true) };
}

/**
 * Continuous mode (issue 10 item 2): every family of the model is invited to the baseline wave at case start, to the
 * midway wave 6 months later and to the end wave when the case ends, by the clock (idempotent: one invitation per
 * parent and wave).
 */
export async function runContinuous(trx: Trx, ctx: RequestContext, publicUrl: string): Promise<{ invited: number }> {
  requireRole(ctx.actor, 'manage_surveys');
  const { invited, caseIds } = await inviteContinuous(trx, { municipalityId: ctx.actor.municipalityId, clock: ctx.clock }, publicUrl);
  if (invited > 0) await audit(trx, ctx, { action: 'create', entityType: 'survey_invitations', caseIds, reason: 'continuous' });
  return { invited };
}

/** The continuous invitations due today (runContinuous for a leader, scheduleSurveys for the worker). */
export async function inviteContinuous(trx: Trx, run: SurveyRun, publicUrl: string): Promise<{ invited: number; caseIds: string[] }> {
  const today = todayIn(run.clock);
  const waves = (await listWaves(trx)).filter((w) => w.mode === 'continuous' && waveIsOpen(w, today));
  let invited = 0;
  const caseIds: string[] = [];
  for (const wave of waves) {
    for (const c of await casesWithParents(trx, wave.model)) {
      if (c.openedOn < wave.opensOn && wave.phase === 'baseline') continue;
      if (!continuousPhaseDue(c, wave.phase, today)) continue;
      const result = await invite(trx, run, wave, { personId: c.personId, userId: null, caseId: c.caseId, email: c.email }, publicUrl);
      if (result.added) {
        invited += 1;
        caseIds.push(c.caseId);
      }
    }
  }
  return { invited, caseIds: [...new Set(caseIds)] };
}

/**
 * Reminders through the outbox to invitations not answered for 7 days. A parent's one-time link is renewed (only the
 * hash of the newest is kept, so the reminder carries a working link and the older one stops working).
 */
export async function remindWave(trx: Trx, ctx: RequestContext, id: string, publicUrl: string): Promise<{ reminded: number }> {
  const wave = await loadWave(trx, id);
  requireRole(ctx.actor, 'manage_surveys');
  if (!waveIsOpen(wave, todayIn(ctx.clock))) throw unprocessable('wave_closed', 'The wave is closed.', [{ field: 'waveId', code: 'wave_closed', message: 'The wave is closed.' }]);
  const reminded = await remindOpenWave(trx, { municipalityId: ctx.actor.municipalityId, clock: ctx.clock }, wave, publicUrl);
  await audit(trx, ctx, { action: 'update', entityType: 'survey_invitations', entityId: wave.id, reason: 'reminder' });
  return { reminded };
}

/** Reminds the invitations of an open wave that are due a reminder (rules.ts reminderDue); returns how many. */
async function remindOpenWave(trx: Trx, run: SurveyRun, wave: WaveRow, publicUrl: string): Promise<number> {
  const now = run.clock.now();
  const municipalityId = run.municipalityId;
  let reminded = 0;
  const stamp = now.toISOString().slice(0, 10);
  for (const invitation of await invitationsOfWave(trx, wave.id)) {
    if (!reminderDue(invitation, now)) continue;
    if (invitation.personId) {
      const person = await trx.selectFrom('persons').select('email').where('id', '=', invitation.personId).executeTakeFirst();
      if (!person?.email) continue;
      const token = randomBytes(32).toString('base64url');
      await trx.updateTable('survey_invitations').set({ token_hash: hashToken(token), channel: 'link', last_reminded_at: now }).where('id', '=', invitation.id).execute();
      await enqueue(trx, linkMessage(municipalityId, `survey-remind:${invitation.id}:${stamp}`, person.email, wave, `${publicUrl}/survey/${token}.${municipalityId}`, now, true));
    } else if (invitation.userId) {
      const user = await trx.selectFrom('users').select('email').where('id', '=', invitation.userId).executeTakeFirst();
      if (!user) continue;
      await trx.updateTable('survey_invitations').set({ last_reminded_at: now }).where('id', '=', invitation.id).execute();
      await enqueue(trx, {
        municipalityId, dedupeKey: `survey-remind:${invitation.id}:${stamp}`, kind: 'other', channel: 'email', recipient: user.email,
        subject: `Påmindelse: ${subjects.staff}`, body: `Vi mangler stadig dit svar på medarbejderundersøgelsen (${wave.series}): ${publicUrl}/surveys/answer`, notBefore: now,
      });
    }
    reminded += 1;
  }
  return reminded;
}

/**
 * The worker's survey step (issue 10 item 2: "reminders through the outbox"; continuous mode invites "by the clock"):
 * in every municipality, today's continuous invitations and the reminders due in its open waves. Idempotent: one
 * invitation per person and wave, a reminder only when reminderDue says so (it stamps last_reminded_at). Audited as
 * the system, like the other scheduled steps.
 */
export async function scheduleSurveys(db: Database, clock: Clock, publicUrl: string): Promise<{ invited: number; reminded: number }> {
  let invited = 0;
  let reminded = 0;
  for (const municipality of await listMunicipalityIds(db)) {
    await inTenant(db, municipality.id, async (trx) => {
      const run = { municipalityId: municipality.id, clock };
      const today = todayIn(clock);
      const continuous = await inviteContinuous(trx, run, publicUrl);
      let remindedHere = 0;
      for (const wave of (await listWaves(trx)).filter((w) => waveIsOpen(w, today))) remindedHere += await remindOpenWave(trx, run, wave, publicUrl);
      if (continuous.invited + remindedHere > 0) {
        await appendAudit(trx, {
          municipalityId: municipality.id, at: clock.now(), actorUserId: null, actorRole: 'system', origin: null, action: 'create',
          entityType: 'survey_invitations', caseIds: continuous.caseIds, reason: 'survey_schedule',
        });
      }
      invited += continuous.invited;
      reminded += remindedHere;
    });
  }
  return { invited, reminded };
}
