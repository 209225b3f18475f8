import { buildApp, type App } from '../src/app.js';
import { MovableClock } from '../src/platform/clock/clock.js';
import type { Database, DatabaseHandle } from '../src/platform/db/database.js';
import { checkAnswersAgainstDocument, type Violation } from './contract.js';
import { createTestDatabase } from './database.js';

/** The instant every test file starts at unless it says otherwise: a Sunday late in November 2026. */
export const testNow = '2026-11-22T10:00:00Z';
/** Today's date in Denmark at testNow. */
export const testToday = '2026-11-22';

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  /** The database as the connecting (superuser) role: bypasses row-level security, for arranging and asserting. */
  db: Database;
  clock: MovableClock;
  /** With contract: 'collect', the answers that broke the OpenAPI document (otherwise app.inject rejects on one). */
  violations: Violation[];
  close(): Promise<void>;
}

/**
 * The real app on a fresh database with a clock the test controls. Use `app.inject()`; nothing listens on a port.
 * Pass `database` to build a second app (other settings) on a database the test already has; closing that app
 * then leaves the database open.
 * Every answer is checked against the app's OpenAPI document (test/contract.ts): by default `app.inject` rejects with
 * the operation, status and schema path of an answer that breaks it; `contract: 'collect'` lists them instead.
 */
export async function createTestApp(options: {
  clock?: MovableClock; loginRateLimit?: number; secureCookies?: boolean; database?: DatabaseHandle; contract?: 'throw' | 'collect';
  portalStartMinMs?: number; portalAddressRateLimit?: number;
  /** Hooks a test adds before the app is ready (Fastify refuses them afterwards). */
  beforeReady?: (app: App) => void;
} = {}): Promise<TestApp> {
  const owned = options.database ? null : await createTestDatabase();
  const database = options.database ?? owned!.database;
  const clock = options.clock ?? new MovableClock(testNow);
  const app = await buildApp({
    database,
    clock,
    config: { sessionSecret: 'test-secret-not-for-production-0123456789', secureCookies: options.secureCookies ?? false, logLevel: 'silent', production: false },
    logger: false,
    loginRateLimit: options.loginRateLimit ?? 1000,
    ...(options.portalStartMinMs === undefined ? {} : { portalStartMinMs: options.portalStartMinMs }),
    ...(options.portalAddressRateLimit === undefined ? {} : { portalAddressRateLimit: options.portalAddressRateLimit }),
  });
  const violations = checkAnswersAgainstDocument(app, options.contract ?? 'throw');
  options.beforeReady?.(app);
  await app.ready();
  return {
    app, database, db: database.db, clock, violations,
    close: async () => {
      await app.close();
      await owned?.close();
    },
  };
}

export interface RouteInfo {
  method: string;
  /** The full path with parameters as Fastify spells them, e.g. /api/cases/:id/measures. */
  path: string;
}

/**
 * Every route the app registered, read from Fastify's own route tree (printRoutes), so a test that walks all
 * routes notices a new one without being told. HEAD routes (added automatically for GET) are left out.
 */
export function listRoutes(app: App): RouteInfo[] {
  const lines = app.printRoutes({ commonPrefix: false }).split('\n').filter((line) => line.trim() !== '');
  const stack: string[] = [];
  const routes: RouteInfo[] = [];
  for (const line of lines) {
    const match = /^([│├└─\s]*?)(?:[├└]── )(\S+)(?: \(([^)]*)\))?\s*$/.exec(line);
    if (!match) throw new Error(`cannot read route line "${line}"`);
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const parent = stack[depth - 1] ?? '';
    const path = (parent + match[2]!).replace(/\/\/+/g, '/');
    stack[depth] = path;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, path });
    }
  }
  return routes;
}
