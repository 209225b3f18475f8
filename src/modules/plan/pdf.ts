import { PdfDocument } from './pdf-writer.js';
import type { GoalView, PlanView, ResponsibleView } from './schema.js';

/** The joint plan on paper, in Danish: the family's plan with goals, owners, activities and statuses. */

const months = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** "2026-11-22" → "22. november 2026". */
export function danishDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d}. ${months[m - 1]} ${y}`;
}

export const statusDa: Record<GoalView['status'], string> = {
  not_started: 'Ikke startet', in_progress: 'I gang', achieved: 'Nået', changed: 'Ændret', dropped: 'Opgivet',
};
const horizonDa: Record<GoalView['horizon'], string> = { short: 'Kortsigtet mål', long: 'Langsigtet mål' };
const trendDa = { up: 'bedre', down: 'dårligere', same: 'uændret', first: 'første gang' } as const;

function who(r: ResponsibleView): string {
  return r.kind === 'partner' ? `${r.name} (samarbejdspartner)` : r.name;
}

export function renderPlanPdf(plan: PlanView, now: Date): Buffer {
  const version = plan.version!;
  const doc = new PdfDocument(`Fælles plan · ${plan.familyName} · version ${version.number} · udskrevet ${danishDate(now.toISOString())}`);
  doc.text(`Fælles plan for ${plan.familyName}`, { size: 20, font: 'bold' });
  doc.space(6);
  doc.field('Version', `${version.number} af ${plan.latestVersion}${version.latest ? '' : ' (ikke den nyeste version)'}`);
  doc.field('Oprettet', `${danishDate(version.createdAt)} af ${version.createdBy}`);
  doc.field('Begrundelse', version.reason);
  if (version.agreement) {
    const parties = version.agreement.parties.map((p) => p.name).join(', ');
    doc.field('Status', `Aftalt ${danishDate(version.agreement.agreedOn)} med ${parties}`);
  } else {
    doc.field('Status', 'Kladde – endnu ikke aftalt med familien');
  }
  doc.field('Familien', plan.members.map((m) => m.name).join(', '));
  doc.rule();

  if (version.goals.length === 0) doc.text('Planen har endnu ingen mål.', { font: 'italic' });
  version.goals.forEach((goal, i) => {
    doc.heading(`Mål ${i + 1}: ${goal.title}`, 13);
    doc.field('Status', `${statusDa[goal.status]}${goal.statusNote ? ` – ${goal.statusNote}` : ''}`);
    doc.field('Gælder', goal.concernsName ?? 'Hele familien');
    doc.field('Tidshorisont', `${horizonDa[goal.horizon]}, ${danishDate(goal.startsOn)} – ${danishDate(goal.endsOn)}`);
    doc.field('Ansvarlig', goal.owners.map(who).join(', '));
    doc.space(4);
    doc.text('SMARTE', { font: 'bold', size: 10 });
    doc.field('Specifikt', goal.specific, 8);
    doc.field('Målbart', goal.measurable, 8);
    doc.field('Accepteret', goal.accepted, 8);
    doc.field('Realistisk', goal.realistic, 8);
    doc.field('Tidsbestemt', `${danishDate(goal.startsOn)} – ${danishDate(goal.endsOn)}`, 8);
    doc.field('Evaluering', goal.evaluation, 8);
    doc.space(4);
    doc.field('Familiens egne ord', goal.familyWords ?? '—');
    doc.field('Faglig vurdering', goal.professionalAssessment ?? '—');
    if (goal.measures.length > 0) doc.field('Indsatser', goal.measures.map((m) => `${m.label} ${m.description}`).join('; '));
    if (goal.departments.length > 0) doc.field('Forvaltninger', goal.departments.map((d) => d.name).join(', '));
    if (goal.activities.length > 0) {
      doc.space(4);
      doc.text('Aktiviteter', { font: 'bold', size: 10, keepWithNext: 14 });
      for (const a of goal.activities) {
        doc.bullet(`${a.description} – ansvarlig: ${who(a.responsible)}, frist ${danishDate(a.dueOn)}${a.done ? ' (udført)' : ''}`);
      }
    }
    doc.rule();
  });

  if (plan.childVoice.some((c) => c.topics.length > 0 || c.latestNotes.length > 0)) {
    doc.heading('Barnets stemme', 13);
    for (const child of plan.childVoice) {
      doc.text(child.childName, { font: 'bold', keepWithNext: 14 });
      for (const t of child.topics) {
        doc.bullet(`${t.topic}: ${t.latest} af 5 smileys (${danishDate(t.latestOn)}, ${trendDa[t.trend]})`);
      }
      for (const n of child.latestNotes) {
        doc.bullet(`${danishDate(n.occurredOn)}, ${n.method === 'conversation' ? 'børnesamtale' : 'observation'}: ${n.summary}`);
      }
    }
  }
  return doc.render();
}
