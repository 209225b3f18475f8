import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, staleVersion } from '../../platform/http/errors.js';
import { allows, allowsCase, requireCase, requireRole, type CaseAccessReason } from '../../platform/policy/policy.js';
import { caseSummariesOfFamily } from '../case/commands.js';
import { leadRoleOf } from '../case/rules.js';
import { ageOn, cprWarnings, resolveBirthDate } from '../person/rules.js';
import type { PersonUpdate, PersonView } from '../person/schema.js';
import { familyIdsOfPerson, findFamilyWithReason, listMembers } from './repo.js';
import type { FamilyInput, FamilyUpdate, FamilyView, MemberInput, OwnFamilyView } from './schema.js';

async function loadFamily(trx: Trx, ctx: RequestContext, familyId: string, action: 'read' | 'edit') {
  const family = await findFamilyWithReason(trx, ctx.actor, todayIn(ctx.clock), familyId);
  const reason = requireCase(family?.reason ?? null, action, 'The family');
  return { family: family!, reason };
}

async function view(trx: Trx, ctx: RequestContext, family: { id: string; name: string; address: string | null; notes: string | null; version: number }, reason: CaseAccessReason): Promise<FamilyView> {
  const today = todayIn(ctx.clock);
  const [members, cases] = await Promise.all([listMembers(trx, family.id), caseSummariesOfFamily(trx, ctx, family.id)]);
  const canEdit = allowsCase(reason, 'edit');
  return {
    ...family,
    members: members.map((m) => ({
      relation: m.relation as FamilyView['members'][number]['relation'],
      hasCustody: m.has_custody,
      person: {
        id: m.id, firstName: m.first_name, lastName: m.last_name, birthDate: m.birth_date, age: ageOn(m.birth_date, today),
        cpr: m.cpr, cprWarnings: cprWarnings(m.cpr), phone: m.phone, email: m.email, version: m.version,
      },
    })),
    cases,
    accessReason: reason,
    abilities: { canEdit, canAddMember: canEdit, canCreateCase: canEdit && allows(ctx.actor, 'create_case') },
  };
}

export async function getFamily(trx: Trx, ctx: RequestContext, familyId: string): Promise<FamilyView> {
  const { family, reason } = await loadFamily(trx, ctx, familyId, 'read');
  const result = await view(trx, ctx, family, reason);
  await audit(trx, ctx, { action: 'read', entityType: 'family', entityId: familyId, familyIds: [familyId], caseIds: result.cases.map((c) => c.id), reason });
  return result;
}

export async function createFamily(trx: Trx, ctx: RequestContext, input: FamilyInput): Promise<FamilyView> {
  requireRole(ctx.actor, 'create_family');
  const created = await trx.insertInto('families').values({
    municipality_id: ctx.actor.municipalityId, name: input.name, address: input.address, notes: input.notes, created_by: ctx.actor.userId,
  }).returning(['id', 'name', 'address', 'notes', 'version']).executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'family', entityId: created.id, familyIds: [created.id], reason: 'family_creator' });
  return view(trx, ctx, created, 'family_creator');
}

export async function updateFamily(trx: Trx, ctx: RequestContext, familyId: string, input: FamilyUpdate): Promise<FamilyView> {
  const { family, reason } = await loadFamily(trx, ctx, familyId, 'edit');
  const updated = await trx.updateTable('families').set({
    name: input.name ?? family.name,
    address: input.address !== undefined ? input.address : family.address,
    notes: input.notes !== undefined ? input.notes : family.notes,
    version: input.version + 1,
  }).where('id', '=', familyId).where('version', '=', input.version).returning(['id', 'name', 'address', 'notes', 'version']).executeTakeFirst();
  if (!updated) throw staleVersion('The family');
  await audit(trx, ctx, { action: 'update', entityType: 'family', entityId: familyId, familyIds: [familyId], reason });
  return view(trx, ctx, updated, reason);
}

export async function addMember(trx: Trx, ctx: RequestContext, familyId: string, input: MemberInput): Promise<FamilyView> {
  const { family, reason } = await loadFamily(trx, ctx, familyId, 'edit');
  const birthDate = resolveBirthDate(input.person.cpr, input.person.birthDate);
  const person = await trx.insertInto('persons').values({
    municipality_id: ctx.actor.municipalityId, first_name: input.person.firstName, last_name: input.person.lastName,
    birth_date: birthDate, cpr: input.person.cpr ?? null, phone: input.person.phone, email: input.person.email ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('family_members').values({
    municipality_id: ctx.actor.municipalityId, family_id: familyId, person_id: person.id, relation: input.relation, has_custody: input.hasCustody,
  }).execute();
  await audit(trx, ctx, { action: 'create', entityType: 'person', entityId: person.id, familyIds: [familyId], reason });
  return view(trx, ctx, family, reason);
}

/** A person is edited through the strongest relation the actor has to any of the person's families. */
export async function updatePerson(trx: Trx, ctx: RequestContext, personId: string, input: PersonUpdate): Promise<PersonView> {
  const today = todayIn(ctx.clock);
  const familyIds = await familyIdsOfPerson(trx, personId);
  let grant: { familyId: string; reason: CaseAccessReason } | null = null;
  for (const familyId of familyIds) {
    const family = await findFamilyWithReason(trx, ctx.actor, today, familyId);
    if (family?.reason && allowsCase(family.reason, 'read')) {
      grant = { familyId, reason: family.reason };
      if (allowsCase(family.reason, 'edit')) break;
    }
  }
  if (!grant) throw notFound('The person');
  requireCase(grant.reason, 'edit', 'The person');
  const current = await trx.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
  const cpr = input.cpr !== undefined ? input.cpr : current.cpr;
  const birthDate = resolveBirthDate(cpr, input.birthDate !== undefined ? input.birthDate : input.cpr ? null : current.birth_date);
  const updated = await trx.updateTable('persons').set({
    first_name: input.firstName ?? current.first_name,
    last_name: input.lastName ?? current.last_name,
    cpr, birth_date: birthDate,
    phone: input.phone !== undefined ? input.phone : current.phone,
    email: input.email !== undefined ? input.email : current.email,
    version: input.version + 1,
  }).where('id', '=', personId).where('version', '=', input.version).returningAll().executeTakeFirst();
  if (!updated) throw staleVersion('The person');
  await audit(trx, ctx, { action: 'update', entityType: 'person', entityId: personId, familyIds, reason: grant.reason });
  return {
    id: updated.id, firstName: updated.first_name, lastName: updated.last_name, birthDate: updated.birth_date, age: ageOn(updated.birth_date, today),
    cpr: updated.cpr, cprWarnings: cprWarnings(updated.cpr), phone: updated.phone, email: updated.email, version: updated.version,
  };
}

/** The parent's own family: its members and the contact person of each child's case (000:97-99, 001:160-187). */
export async function getOwnFamily(trx: Trx, ctx: RequestContext): Promise<OwnFamilyView> {
  requireRole(ctx.actor, 'view_own_family');
  const membership = ctx.actor.personId ? await trx.selectFrom('family_members').select('family_id')
    .where('person_id', '=', ctx.actor.personId).where('relation', 'in', ['parent', 'carer']).executeTakeFirst() : undefined;
  if (!membership) throw notFound('Your family');
  const today = todayIn(ctx.clock);
  const family = await trx.selectFrom('families').select(['id', 'name']).where('id', '=', membership.family_id).executeTakeFirstOrThrow();
  const members = await listMembers(trx, family.id);
  const contacts = await trx.selectFrom('cases as c')
    .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'c.municipality_id').onRef('p.id', '=', 'c.child_id'))
    .innerJoin('case_assignments as a', (j) => j.onRef('a.municipality_id', '=', 'c.municipality_id').onRef('a.case_id', '=', 'c.id'))
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.user_id'))
    .select(['p.first_name', 'a.role', 'c.model', 'u.name', 'u.phone', 'u.email'])
    .where('c.family_id', '=', family.id).where('c.status', '<>', 'closed')
    .where('a.starts_on', '<=', today).where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>=', today)]))
    .where('a.role', 'in', ['family_coordinator', 'primary_caseworker', 'buddy'])
    .execute();
  await audit(trx, ctx, { action: 'read', entityType: 'own_family', entityId: family.id, familyIds: [family.id], reason: 'parent' });
  return {
    id: family.id, name: family.name,
    members: members.map((m) => ({ relation: m.relation as OwnFamilyView['members'][number]['relation'], firstName: m.first_name, lastName: m.last_name })),
    contacts: contacts
      .filter((c) => c.role === 'buddy' || c.role === leadRoleOf[c.model as 'efei' | 'sof'])
      .map((c) => ({ childFirstName: c.first_name, role: c.role, name: c.name, phone: c.phone, email: c.email })),
  };
}
