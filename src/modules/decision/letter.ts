import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import { addDays } from '../../platform/clock/dates.js';
import type { AmountPeriod, ChildViewsMethod, DecisionOutcome } from './rules.js';

/**
 * The letter to the family (afgørelsesbrev, issue 8 item 2): generated from the decision when it is recorded or
 * corrected, stored (decision_letters), shown to staff on the decision and to the family in the portal. The family is
 * told by e-mail that a letter is waiting, without any of its content (no personal data leaves by e-mail).
 */

/** Klagefrist: a complaint must be received within 4 weeks of the family receiving the decision (issue 8 item 2). */
export const complaintWeeks = 4;

/** The complaint deadline of a letter made available on the given day. */
export function complaintDeadline(availableOn: string): string {
  return addDays(availableOn, complaintWeeks * 7);
}

export interface LetterInput {
  decidedOn: string;
  outcome: DecisionOutcome;
  legalBasisLabel: string;
  reasoning: string;
  amountDkk: number | null;
  amountPeriod: AmountPeriod | null;
  measures: string[];
  childViewsMethod: ChildViewsMethod | null;
  childViewsOn: string | null;
  childViews: string | null;
  childViewsNotObtainedReason: string | null;
  /** Who decided, in Danish: "familiekoordinatoren", "kerneteamet (enstemmigt)", "visitationsudvalget". */
  decidedBy: string;
  childFirstName: string;
  availableOn: string;
}

const outcomeText: Record<DecisionOutcome, string> = {
  granted: 'Kommunen har bevilget', refused: 'Kommunen har givet afslag på', changed: 'Kommunen har ændret', ended: 'Kommunen har standset',
};
const periodText: Record<AmountPeriod, string> = { month: 'pr. måned', year: 'pr. år', once: 'som engangsbeløb' };
const methodText: Record<ChildViewsMethod, string> = {
  conversation: 'en samtale', dialoglinealen: 'Dialoglinealen', drawing: 'tegning', observation: 'observation', other: 'anden metode',
};
const danishDate = (iso: string) => `${Number(iso.slice(8, 10))}.${Number(iso.slice(5, 7))}.${iso.slice(0, 4)}`;
const kroner = (amount: number) => amount.toLocaleString('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The letter's text (Danish, the family's language), with the complaint guidance and its deadline. */
export function composeLetter(d: LetterInput): { body: string; complaintDeadline: string } {
  const deadline = complaintDeadline(d.availableOn);
  const lines = [
    `Afgørelse om ${d.legalBasisLabel} for ${d.childFirstName}`,
    '',
    `${outcomeText[d.outcome]} ${d.legalBasisLabel}${d.measures.length ? `: ${d.measures.join(', ')}` : ''}.`,
    `Afgørelsen er truffet den ${danishDate(d.decidedOn)} af ${d.decidedBy}.`,
  ];
  if (d.amountDkk !== null && d.amountPeriod !== null) lines.push(`Beløb: ${kroner(d.amountDkk)} kr. ${periodText[d.amountPeriod]}.`);
  lines.push('', 'Begrundelse', d.reasoning, '', 'Barnets synspunkter');
  if (d.childViewsNotObtainedReason) lines.push(`Barnets synspunkter er ikke indhentet, fordi: ${d.childViewsNotObtainedReason}`);
  else lines.push(`Vi har talt med ${d.childFirstName} den ${danishDate(d.childViewsOn!)} (${methodText[d.childViewsMethod!]}). ${d.childFirstName} sagde: ${d.childViews}`);
  lines.push('', 'Klagevejledning',
    `Du kan klage over afgørelsen. Klagen skal være modtaget senest ${danishDate(deadline)}, som er ${complaintWeeks} uger efter, at afgørelsen blev gjort tilgængelig for dig.`,
    'Send klagen til kommunen – skriftligt eller mundtligt, fx gennem din kontaktperson. Kommunen vurderer afgørelsen igen, og fastholder den afgørelsen, sendes klagen videre til Ankestyrelsen.');
  return { body: lines.join('\n'), complaintDeadline: deadline };
}

/** The e-mail to the family: only that a letter is waiting, never its content. */
export const letterWaitingEmail = {
  subject: 'Du har fået et brev fra kommunen',
  body: 'Der ligger et nyt brev til dig i familieportalen. Log ind på familieportalen for at læse det.\n\nMed venlig hilsen\nKommunen',
};

/** Stores the letter of a decision's version and tells the parents with custody (and an e-mail address) it is waiting. */
export async function storeLetter(trx: Trx, ctx: RequestContext, input: { caseId: string; familyId: string; decisionId: string; decisionVersion: number; letter: LetterInput }): Promise<string> {
  const { body, complaintDeadline: deadline } = composeLetter(input.letter);
  const row = await trx.insertInto('decision_letters').values({
    municipality_id: ctx.actor.municipalityId, case_id: input.caseId, decision_id: input.decisionId, decision_version: input.decisionVersion,
    body, complaint_deadline: deadline, created_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  const parents = await trx.selectFrom('family_members as fm')
    .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'fm.municipality_id').onRef('p.id', '=', 'fm.person_id'))
    .select(['p.id', 'p.email']).where('fm.family_id', '=', input.familyId).where('fm.relation', 'in', ['parent', 'carer'])
    .where('fm.has_custody', '=', true).where('p.email', 'is not', null).execute();
  for (const parent of parents) {
    await enqueue(trx, {
      municipalityId: ctx.actor.municipalityId, dedupeKey: `decision-letter:${row.id}:${parent.id}`, kind: 'other', channel: 'email',
      recipient: parent.email!, subject: letterWaitingEmail.subject, body: letterWaitingEmail.body, notBefore: ctx.clock.now(),
    });
  }
  return row.id;
}
