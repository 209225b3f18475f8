import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Runtime configuration, read once from the environment (README "Configuration"). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  logLevel: string;
  production: boolean;
  seedDemo: boolean;
  secureCookies: boolean;
  /** The address users reach Tovholder at, for links in reminders and calendar feed URLs (PUBLIC_URL); unset: http://localhost:PORT. */
  publicUrl: string | undefined;
  /** smtp(s)://user:pass@host:port for reminder e-mails (SMTP_URL); without it e-mails are only logged. */
  smtpUrl: string | undefined;
  /** The From address of reminder e-mails (SMTP_FROM). */
  smtpFrom: string;
  /** Which SMS provider adapter sends text messages (SMS_PROVIDER); 'log' only logs that a message would be sent. */
  smsProvider: string;
  /** Seconds between runs of the outbox worker (OUTBOX_INTERVAL_SECONDS); 0 switches the worker off. */
  outboxIntervalSeconds: number;
  /** The family portal's OpenID Connect login (OIDC_ISSUER and friends); unset: parents log in with a one-time code only. */
  oidc: OidcConfig | undefined;
}

/** OpenID Connect for the family portal (a MitID broker); the same shape as modules/portal/oidc.ts OidcSettings. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  cprClaim: string;
  scopes: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const production = env.NODE_ENV === 'production';
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    sessionSecret: env.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    logLevel: env.LOG_LEVEL ?? 'info',
    production,
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : !production,
    // Browsers accept Secure cookies on http://localhost, so cookies are Secure everywhere unless explicitly turned off.
    secureCookies: env.INSECURE_COOKIES !== 'true',
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || 'Tovholder <no-reply@tovholder.invalid>',
    smsProvider: env.SMS_PROVIDER || 'log',
    outboxIntervalSeconds: nonNegativeNumber('OUTBOX_INTERVAL_SECONDS', env.OUTBOX_INTERVAL_SECONDS, 60),
    oidc: oidcFrom(env),
  };
}

/** OIDC_ISSUER switches the portal's OpenID Connect login on; then client id, secret and redirect URI are required. */
export function oidcFrom(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  const missing = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`OIDC_ISSUER is set, so ${missing.join(', ')} must be set too.`);
  return {
    issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID!, clientSecret: env.OIDC_CLIENT_SECRET!, redirectUri: env.OIDC_REDIRECT_URI!,
    cprClaim: env.OIDC_CPR_CLAIM || 'dk.cpr', scopes: env.OIDC_SCOPES || 'openid',
  };
}

function nonNegativeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new Error(`${name} must be a number of seconds, 0 or more (got "${value}").`);
  return number;
}

/** SESSION_SECRET is generated on first start and kept in the data directory, never in the repository. */
function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
