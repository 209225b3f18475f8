import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { requireRole } from '../../platform/policy/policy.js';
import { labelsById } from '../legal-basis/commands.js';
import { normalizeCpr } from '../person/cpr.js';
import { ageOn } from '../person/rules.js';
import { caseloadItems } from '../worklist/commands.js';
import { nextActionsByFamily, nextActionText } from '../worklist/rules.js';
import { myFamiliesQuery, searchQuery } from './repo.js';
import type { MyFamily, SearchHit } from './schema.js';

export async function listMyFamilies(trx: Trx, ctx: RequestContext): Promise<MyFamily[]> {
  requireRole(ctx.actor, 'search');
  const today = todayIn(ctx.clock);
  const [rows, labels, items] = await Promise.all([myFamiliesQuery(trx, ctx.actor, today), labelsById(trx), caseloadItems(trx, ctx, today)]);
  // The next action of each family: its most urgent worklist item (worklist/rules.ts).
  const next = nextActionsByFamily(items, today);
  const families = new Map<string, MyFamily>();
  for (const row of rows.rows) {
    if (!row.reason) continue;
    const item = next.get(row.family_id);
    const family = families.get(row.family_id) ?? {
      familyId: row.family_id, familyName: row.family_name, children: [],
      nextAction: item ? nextActionText(item) : null, nextActionItem: item ?? null,
    };
    families.set(row.family_id, family);
    if (row.case_id && row.child_id) {
      family.children.push({
        personId: row.child_id, name: `${row.first_name} ${row.last_name}`, birthDate: row.birth_date, age: ageOn(row.birth_date, today),
        caseId: row.case_id, caseNumber: row.case_number!, model: row.model!, status: row.status!,
        legalBases: (row.legal_basis_ids ?? []).map((id) => labels.get(id) ?? id), lead: row.lead_name, myRole: row.reason,
      });
    }
  }
  const result = [...families.values()];
  // One audit row names every family and case the list showed (style.md §4).
  await audit(trx, ctx, {
    action: 'read', entityType: 'my_families', familyIds: result.map((f) => f.familyId),
    caseIds: result.flatMap((f) => f.children.map((c) => c.caseId)), reason: 'own_caseload',
  });
  return result;
}

/** Classifies the search text: a CPR number (dash allowed), a case number (2026-00042) or a name. */
export function classifySearch(q: string): { kind: 'cpr' | 'case_number' | 'text'; value: string } {
  const cpr = normalizeCpr(q);
  if (cpr) return { kind: 'cpr', value: cpr };
  if (/^\d{4}-\d{5}$/.test(q.trim())) return { kind: 'case_number', value: q.trim() };
  return { kind: 'text', value: q.trim() };
}

export async function search(trx: Trx, ctx: RequestContext, q: string): Promise<SearchHit[]> {
  requireRole(ctx.actor, 'search');
  const rows = await searchQuery(trx, ctx.actor, todayIn(ctx.clock), classifySearch(q));
  const hits: SearchHit[] = rows.rows.map((r) => ({
    familyId: r.family_id, familyName: r.family_name, personId: r.person_id,
    personName: r.first_name ? `${r.first_name} ${r.last_name}` : null, birthDate: r.birth_date,
    caseId: r.case_id, caseNumber: r.case_number, matched: r.matched,
  }));
  // The search text itself is not logged: it may be a CPR number or a name.
  await audit(trx, ctx, {
    action: 'read', entityType: 'search', familyIds: [...new Set(hits.map((h) => h.familyId))],
    caseIds: hits.flatMap((h) => (h.caseId ? [h.caseId] : [])), reason: 'search',
  });
  return hits;
}
