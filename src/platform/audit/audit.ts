import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { inTenant, type Origin, type RequestContext, type Trx } from '../db/tenant.js';

export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'export' | 'login' | 'logout' | 'login_failed';

export interface AuditEvent {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  /** Every family and case the action touched or showed; one row may name all records a list showed. */
  familyIds?: string[];
  caseIds?: string[];
  /** Why access was granted (the policy's reason), e.g. "assigned_coordinator". */
  reason?: string;
}

interface AuditRow extends AuditEvent {
  municipalityId: string;
  at: Date;
  actorUserId: string | null;
  actorRole: string | null;
  /** A family member acting through the portal (no user account); only then is `person` part of the entry. */
  actorPersonId?: string | null;
  origin: Origin | null;
}

/**
 * Appends one row to the municipality's hash chain, inside the caller's transaction, so the audit row and the
 * change it records commit or roll back together. One statement: it advances (and so locks) the chain head and
 * inserts the row with hash = sha256(previous hash || entry::text).
 */
export async function appendAudit(trx: Trx, row: AuditRow): Promise<void> {
  const entry = JSON.stringify({
    at: row.at.toISOString(),
    actor: row.actorUserId,
    role: row.actorRole,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId ?? null,
    familyIds: row.familyIds ?? [],
    caseIds: row.caseIds ?? [],
    reason: row.reason ?? null,
    origin: row.origin,
    ...(row.actorPersonId ? { person: row.actorPersonId } : {}),
  });
  await sql`
    with head as (
      update audit_chain_heads
         set seq = seq + 1, last_hash = sha256(last_hash || convert_to(${entry}::jsonb::text, 'UTF8'))
       where municipality_id = ${row.municipalityId}
       returning seq, last_hash)
    insert into audit_log (municipality_id, seq, at, actor_user_id, actor_role, action, entity_type, entity_id, family_ids, case_ids, entry, hash)
    select ${row.municipalityId}, head.seq, ${row.at.toISOString()}, ${row.actorUserId}, ${row.actorRole}, ${row.action},
           ${row.entityType}, ${row.entityId ?? null}, ${row.familyIds ?? []}::uuid[], ${row.caseIds ?? []}::uuid[], ${entry}::jsonb, head.last_hash
      from head`.execute(trx);
}

/** Records what the acting user did, in the current tenant transaction. */
export function audit(trx: Trx, ctx: RequestContext, event: AuditEvent): Promise<void> {
  return appendAudit(trx, {
    ...event,
    municipalityId: ctx.actor.municipalityId,
    at: ctx.clock.now(),
    actorUserId: ctx.actor.via === 'portal' ? null : ctx.actor.userId,
    actorRole: ctx.actor.roles.join(','),
    actorPersonId: ctx.actor.via === 'portal' ? ctx.actor.personId : null,
    origin: ctx.origin,
  });
}

export interface ChainReport {
  municipalityId: string;
  rows: number;
  ok: boolean;
  /** The first sequence number whose hash does not follow from the chain, if any. */
  brokenAt: number | null;
}

/** Recomputes one municipality's chain from the start and compares every stored hash and the head. */
export async function verifyChain(db: Database, municipalityId: string): Promise<ChainReport> {
  return inTenant(db, municipalityId, async (trx) => {
    const rows = await sql<{ seq: number; entry_text: string; hash: Uint8Array }>`
      select seq, entry::text as entry_text, hash from audit_log where municipality_id = ${municipalityId} order by seq`.execute(trx);
    const head = await trx.selectFrom('audit_chain_heads').select(['seq', 'last_hash']).where('municipality_id', '=', municipalityId).executeTakeFirst();
    let previous: Buffer = Buffer.from([0]);
    let expectedSeq = 1;
    for (const row of rows.rows) {
      const computed = createHash('sha256').update(Buffer.concat([previous, Buffer.from(row.entry_text, 'utf8')])).digest();
      if (row.seq !== expectedSeq || !computed.equals(Buffer.from(row.hash))) {
        return { municipalityId, rows: rows.rows.length, ok: false, brokenAt: row.seq };
      }
      previous = computed;
      expectedSeq += 1;
    }
    const headMatches = !!head && Number(head.seq) === rows.rows.length && Buffer.from(head.last_hash as Uint8Array).equals(previous.length === 1 && rows.rows.length === 0 ? Buffer.from([0]) : previous);
    return { municipalityId, rows: rows.rows.length, ok: headMatches, brokenAt: headMatches ? null : expectedSeq };
  });
}

export interface CaseAccessEntry {
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  reason: string | null;
}

/** "Who has looked at this case": the audit rows naming it, newest first. */
export async function listCaseAccess(trx: Trx, caseId: string, limit = 200): Promise<CaseAccessEntry[]> {
  const rows = await sql<{ at: Date; actor_user_id: string | null; name: string | null; action: string; reason: string | null }>`
    select a.at, a.actor_user_id, u.name, a.action, a.entry->>'reason' as reason
      from audit_log a left join users u on u.id = a.actor_user_id
     where a.case_ids @> array[${caseId}]::uuid[]
     order by a.seq desc limit ${limit}`.execute(trx);
  return rows.rows.map((r) => ({ at: new Date(r.at).toISOString(), userId: r.actor_user_id, userName: r.name, action: r.action, reason: r.reason }));
}
