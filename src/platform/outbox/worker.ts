import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { inTenant } from '../db/tenant.js';
import { listMunicipalityIds } from '../db/tenants.js';
import { claimDue, failAbandoned, markAttemptFailed, markSent, type ClaimedMessage } from './outbox.js';
import type { OutboxLogger, Transports } from './transports.js';

export interface OutboxWorkerOptions {
  /** Milliseconds between runs; the next run starts this long after the previous one ended. */
  intervalMs: number;
  /** Messages claimed per municipality per run. */
  batchSize?: number;
  /** First retry after this long, doubling per attempt (outbox.ts backoffMs). */
  backoffBaseMs?: number;
  /** How long a claim holds a message; longer than any transport timeout. */
  leaseMs?: number;
}

/** A step run at the start of every tick, e.g. the reminder scheduler filling the outbox. */
export type WorkerStep = { name: string; run: () => Promise<unknown> };

export interface RunReport {
  sent: number;
  retrying: number;
  failed: number;
  abandoned: number;
}

/**
 * Delivers the outbox: every tick runs the steps (the reminder scheduler), then, per municipality in its own tenant
 * transaction, claims due messages, commits the claim, sends each after commit and records the outcome. Started from
 * main.ts; tests construct one and call runOnce() with their own clock, so nothing runs in tests unless asked.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  private readonly batchSize: number;
  private readonly backoffBaseMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly deps: { db: Database; clock: Clock; transports: Transports; log: OutboxLogger; steps?: WorkerStep[] },
    private readonly options: OutboxWorkerOptions,
  ) {
    this.batchSize = options.batchSize ?? 20;
    this.backoffBaseMs = options.backoffBaseMs ?? 60_000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the timer and waits for a run in progress to finish, so no claim is left behind on shutdown. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.deps.log.error({ err: errorText(error) }, 'outbox worker run failed'))
        .finally(() => {
          this.running = null;
          this.schedule(this.options.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One run: the steps, then delivery for every municipality. */
  async runOnce(): Promise<RunReport> {
    for (const step of this.deps.steps ?? []) {
      try {
        await step.run();
      } catch (error) {
        this.deps.log.error({ step: step.name, err: errorText(error) }, 'outbox worker step failed');
      }
    }
    const report: RunReport = { sent: 0, retrying: 0, failed: 0, abandoned: 0 };
    for (const municipality of await listMunicipalityIds(this.deps.db)) {
      const part = await this.deliver(municipality.id);
      report.sent += part.sent;
      report.retrying += part.retrying;
      report.failed += part.failed;
      report.abandoned += part.abandoned;
    }
    return report;
  }

  /** Delivers one municipality's due messages. */
  async deliver(municipalityId: string): Promise<RunReport> {
    const now = this.deps.clock.now();
    const { claimed, abandoned } = await inTenant(this.deps.db, municipalityId, async (trx) => ({
      abandoned: await failAbandoned(trx, now),
      claimed: await claimDue(trx, now, new Date(now.getTime() + this.leaseMs), this.batchSize),
    }));
    const report: RunReport = { sent: 0, retrying: 0, failed: abandoned, abandoned };
    for (const message of claimed) {
      const outcome = await this.sendOne(message);
      report[outcome] += 1;
    }
    if (abandoned > 0) this.deps.log.warn({ municipalityId, abandoned }, 'outbox: interrupted sends marked failed');
    return report;
  }

  private async sendOne(message: ClaimedMessage): Promise<'sent' | 'retrying' | 'failed'> {
    const transport = message.channel === 'email' ? this.deps.transports.email : this.deps.transports.sms;
    let error: string | null = null;
    try {
      await transport.send(message);
    } catch (caught) {
      // The recipient never goes into the stored error or the log (style.md §4: no personal data in logs).
      error = errorText(caught).split(message.recipient).join('<recipient>');
    }
    const now = this.deps.clock.now();
    return inTenant(this.deps.db, message.municipalityId, async (trx) => {
      if (error === null) {
        await markSent(trx, message.id, now);
        return 'sent' as const;
      }
      const outcome = await markAttemptFailed(trx, message, now, error, this.backoffBaseMs);
      this.deps.log.warn({ outboxId: message.id, attempt: message.attempts, outcome, transport: transport.name }, 'outbox: send failed');
      return outcome === 'failed' ? 'failed' as const : 'retrying' as const;
    });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
