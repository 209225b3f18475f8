import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { ClaimedMessage } from './outbox.js';

/**
 * How outbox messages leave Tovholder: e-mail over SMTP (nodemailer) when SMTP_URL is set, text messages through an
 * SMS provider adapter. Without configuration both only log that a message would have been sent (never its
 * recipient or text: logs hold no personal data).
 */

export interface OutboxLogger {
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}

/** Sends one message; resolves when the transport accepted it, rejects with an error to retry. */
export interface Transport {
  readonly name: string;
  send(message: ClaimedMessage): Promise<void>;
}

export interface Transports {
  email: Transport;
  sms: Transport;
}

/**
 * A Message-ID derived from the dedupe key: should a message ever be delivered twice (an administrator retries one
 * whose first delivery was in fact accepted), mail clients and servers can recognise the duplicate.
 */
export function messageIdOf(message: Pick<ClaimedMessage, 'municipalityId' | 'dedupeKey'>): string {
  const hash = createHash('sha256').update(`${message.municipalityId}\n${message.dedupeKey}`).digest('hex').slice(0, 32);
  return `<${hash}@tovholder>`;
}

/** E-mail over SMTP. Timeouts stay well below the worker's lease so a hung server cannot outlive a claim. */
export function smtpTransport(smtpUrl: string, from: string): Transport & { close(): void } {
  const transporter = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000,
  } as never);
  return {
    name: 'smtp',
    async send(message) {
      await transporter.sendMail({
        from, to: message.recipient, subject: message.subject, text: message.body, messageId: messageIdOf(message),
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transporter.close(),
  };
}

/** A transport that only logs (no SMTP_URL, or SMS_PROVIDER=log); the message counts as handed over. */
export function loggingTransport(name: string, log: OutboxLogger): Transport {
  return {
    name,
    async send(message) {
      log.info({ outboxId: message.id, channel: message.channel, kind: message.kind, transport: name }, `${name}: not configured, message only logged`);
    },
  };
}

/** The SMS provider adapters by name (SMS_PROVIDER). A real provider is added here as one more entry. */
export const smsProviders: Record<string, (log: OutboxLogger) => Transport> = {
  log: (log) => loggingTransport('sms-log', log),
};

export interface TransportConfig {
  smtpUrl: string | undefined;
  smtpFrom: string;
  smsProvider: string;
}

/** The transports for a configuration; an unknown SMS_PROVIDER stops the start-up with the names that are known. */
export function transportsFrom(config: TransportConfig, log: OutboxLogger): Transports & { close(): void } {
  const sms = smsProviders[config.smsProvider];
  if (!sms) throw new Error(`Unknown SMS_PROVIDER "${config.smsProvider}"; known: ${Object.keys(smsProviders).join(', ')}.`);
  const email = config.smtpUrl ? smtpTransport(config.smtpUrl, config.smtpFrom) : null;
  return {
    email: email ?? loggingTransport('email-log', log),
    sms: sms(log),
    close: () => email?.close(),
  };
}
