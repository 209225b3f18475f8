import type { Trx } from '../platform/db/tenant.js';

/**
 * Demo Kommune's decision-competence plan (issue 8 item 1): one published version. The amounts are DEMO values, not
 * any municipality's real limits; leaders change them on the page "Hvem må bevilge hvad?" (/competence-plan).
 */
export async function seedCompetencePlan(db: Trx, municipalityId: string, publishedBy: string, departments: Map<string, string>, publishedAt: Date): Promise<string> {
  const version = await db.insertInto('competence_plan_versions').values({
    municipality_id: municipalityId, version_no: 1, published_by: publishedBy, published_at: publishedAt,
    note: 'Demoplan – beløbsgrænserne er eksempler, ikke en kommunes gældende kompetenceplan.',
    // Issue 8 item 3: a core-team proposal on a placement always goes to the visitation committee (000:876-881).
    committee_only_categories: ['placement'],
  }).returning('id').executeTakeFirstOrThrow();
  const disability = departments.get('child_disability') ?? null;
  const childYouth = departments.get('child_youth') ?? null;
  const rules = [
    // §86, §87, §90 (compensation): the caseworker with authority, up to an amount.
    { legal_basis_id: 'BL-86', decided_by: 'role', role: 'coordinator', max_amount_dkk: 60000, amount_period: 'year', default_payer_department_id: disability },
    { legal_basis_id: 'BL-87', decided_by: 'role', role: 'coordinator', max_amount_dkk: 25000, amount_period: 'month', default_payer_department_id: disability },
    { legal_basis_id: 'BL-90', decided_by: 'role', role: 'coordinator', max_amount_dkk: 100000, amount_period: 'year', default_payer_department_id: disability },
    // Other compensation: the leader of Børnehandicap.
    { category: 'compensation', decided_by: 'department_leader', department_id: disability, default_payer_department_id: disability },
    // §32 support measures: the core team, up to an amount.
    { legal_basis_id: 'BL-32', decided_by: 'core_team', max_amount_dkk: 250000, amount_period: 'year', default_payer_department_id: disability },
    // Placement (§46, §47): the visitation committee.
    { category: 'placement', decided_by: 'visitation_committee', default_payer_department_id: childYouth },
    // Preventive (§30): the caseworker.
    { category: 'preventive', decided_by: 'role', role: 'coordinator', max_amount_dkk: 50000, amount_period: 'year', default_payer_department_id: childYouth },
    // Screening, afdækning and børnefaglig undersøgelse (§§18-20): the caseworker decides them (issue 8 item 2: no rule → no grant).
    { category: 'triage', decided_by: 'role', role: 'coordinator', default_payer_department_id: disability },
    { category: 'assessment', decided_by: 'role', role: 'coordinator', default_payer_department_id: disability },
    // Other support measures and financial support: the leader of Børnehandicap.
    { category: 'support_measure', decided_by: 'department_leader', department_id: disability, default_payer_department_id: disability },
    { category: 'financial_support', decided_by: 'department_leader', department_id: disability, default_payer_department_id: disability },
  ];
  await db.insertInto('competence_plan_rules').values(rules.map((r, position) => ({
    legal_basis_id: null, category: null, role: null, department_id: null, max_amount_dkk: null, amount_period: null,
    ...r, municipality_id: municipalityId, plan_version_id: version.id, position,
  }))).execute();
  return version.id;
}
