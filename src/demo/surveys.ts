import { randomBytes } from 'node:crypto';
import type { Clock } from '../platform/clock/clock.js';
import { todayIn } from '../platform/clock/clock.js';
import type { Trx } from '../platform/db/tenant.js';
import { inTenantStep } from './tenant-step.js';
import { ensureInstrument } from '../modules/survey/commands.js';
import { listItems, parentsInModel, staffInModel } from '../modules/survey/repo.js';
import { addCalendarMonths as addMonths } from '../platform/clock/dates.js';
import type { Instrument, SurveyModel, WavePhase } from '../modules/survey/rules.js';
import { itemReference } from '../modules/survey-analysis/reference.js';
import { seededRandom } from './random.js';

/**
 * Demo surveys (issue 10 item 7): two years of the parent and staff surveys for Demo Kommune — a series per model with
 * a baseline two years ago, a midway a year ago and an end wave open now — so the results page (/survey-results,
 * teamleder@demo.tovholder.dk) shows real charts at first start. Every custody parent of the model is invited; about
 * two thirds answered each closed wave, half the open one (never the portal demo parent, foraelder@, who can answer in
 * the portal). Answers are fictional: around the national evaluation's reported item means for the model and wave,
 * with a per-family level, noise and about 5 % "ved ikke". A family keeps one random pseudonym across the series, so
 * the test restricted to families of both waves has data. The staff survey has too few staff per model in the demo,
 * which shows the "too few answers" rule.
 */
export async function seedSurveyDemo(db: Trx, clock: Clock, municipalityCode = '998'): Promise<number> {
  const random = seededRandom(10_2026);
  const municipality = await db.selectFrom('municipalities').select('id').where('code', '=', municipalityCode).executeTakeFirst();
  if (!municipality) return 0;
  const today = todayIn(clock);
  const year = Number(today.slice(0, 4));
  const series = `${year - 2}-${year}`;
  const waves: Array<{ phase: WavePhase; opensOn: string; closesOn: string; answerRate: number }> = [
    { phase: 'baseline', opensOn: addMonths(today, -24), closesOn: addMonths(addMonths(today, -24), 1), answerRate: 0.7 },
    { phase: 'midway', opensOn: addMonths(today, -12), closesOn: addMonths(addMonths(today, -12), 1), answerRate: 0.6 },
    { phase: 'end', opensOn: addMonths(today, -1), closesOn: addMonths(today, 1), answerRate: 0.55 },
  ];
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  let responses = 0;
  await inTenantStep(db, municipality.id, async (trx: Trx) => {
    const portalParent = await trx.selectFrom('persons').select('id').where('email', '=', 'foraelder@demo.tovholder.dk').executeTakeFirst();
    for (const instrument of ['parent', 'staff'] as const satisfies readonly Instrument[]) {
      const version = await ensureInstrument(trx, municipality.id, instrument, new Date(`${waves[0]!.opensOn}T08:00:00Z`));
      const items = (await listItems(trx, version.id)).filter((i) => i.kind === 'scale');
      for (const model of ['efei', 'sof'] as const satisfies readonly SurveyModel[]) {
        const respondents = instrument === 'parent'
          ? (await parentsInModel(trx, model)).map((p) => ({ personId: p.personId, userId: null, caseId: p.caseId }))
          : (await staffInModel(trx, model, today)).map((s) => ({ personId: null, userId: s.userId, caseId: null }));
        const pseudonyms = new Map(respondents.map((r) => [r.personId ?? r.userId!, randomBytes(16).toString('base64url').slice(0, 22)]));
        const level = new Map(respondents.map((r) => [r.personId ?? r.userId!, gauss() * 0.5]));
        for (const wave of waves) {
          const row = await trx.insertInto('survey_waves').values({
            municipality_id: municipality.id, instrument, model, series, phase: wave.phase, mode: 'fixed', instrument_version_id: version.id,
            opens_on: wave.opensOn, closes_on: wave.closesOn, created_at: new Date(`${wave.opensOn}T08:00:00Z`),
          }).returning('id').executeTakeFirstOrThrow();
          for (const who of respondents) {
            const id = who.personId ?? who.userId!;
            const answers = who.personId !== portalParent?.id && random.chance(wave.answerRate);
            await trx.insertInto('survey_invitations').values({
              municipality_id: municipality.id, wave_id: row.id, person_id: who.personId, user_id: who.userId, case_id: who.caseId,
              channel: who.userId ? 'app' : 'portal', invited_at: new Date(`${wave.opensOn}T08:00:00Z`), responded: answers,
            }).execute();
            if (!answers) continue;
            const response = await trx.insertInto('survey_responses').values({
              municipality_id: municipality.id, wave_id: row.id, instrument_version_id: version.id, pairing_key: pseudonyms.get(id)!,
            }).returning('id').executeTakeFirstOrThrow();
            await trx.insertInto('survey_answers').values(items.map((item) => {
              const reference = itemReference(instrument, model, item.key)?.[wave.phase] ?? 3.6 + (wave.phase === 'end' ? 0.3 : wave.phase === 'midway' ? 0.2 : 0);
              const value = Math.min(6, Math.max(1, Math.round(reference + level.get(id)! + gauss() * 0.9)));
              return { municipality_id: municipality.id, response_id: response.id, item_id: item.id, value: random.chance(0.05) ? null : value };
            })).execute();
            responses += 1;
          }
        }
      }
    }
  });
  return responses;
}
