import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/platform/db/database.js';
import { launchBrowser } from './browser.js';
import { startServer, type E2eServer, type ShiftableClock } from './server.js';

/** What a journey file drives: the running server (its address, database handle and clock) and the browser. */
export interface JourneyEnvironment {
  /** The server's address, e.g. `http://localhost:41234`; pages are `${baseUrl}/path`. */
  readonly baseUrl: string;
  readonly browser: Browser;
  /** The test's own handle on the server's database (see E2eServer.db): never exposed over HTTP. */
  readonly db: Database;
  /** The server's clock; a journey that moves it must put it back (see ShiftableClock). */
  readonly clock: ShiftableClock;
}

/**
 * The setup every journey file shares: registers beforeAll (start the server as `npm start` does, launch chromium)
 * and afterAll (close the browser, stop the server) in the calling file, and returns the environment they fill.
 * Call it once at the top level of a journey file; its fields may only be read inside tests and hooks.
 */
export function journeyEnvironment(): JourneyEnvironment {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const started = (): { server: E2eServer; browser: Browser } => {
    if (!server || !browser) throw new Error('the journey environment is not started: read it inside a test or hook, not at import time');
    return { server, browser };
  };
  return {
    get baseUrl() { return started().server.url; },
    get browser() { return started().browser; },
    get db() { return started().server.db; },
    get clock() { return started().server.clock; },
  };
}
