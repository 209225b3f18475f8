import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema-types.js';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** PGlite only: an image of the whole data directory, which `pgliteImage` opens again (the tests' migrated template). */
  dumpImage?: () => Promise<Blob>;
}

/** int8 counts fit a JS number here; dates stay calendar strings ('2026-11-22') in both engines. */
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);

/**
 * Opens the database: PostgreSQL when a URL is given (production), else the embedded PGlite in dataDir
 * ('memory://' for a throw-away database in tests). Both speak the same SQL, so the rest of the app cannot tell.
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined; dataDir?: string; poolSize?: number;
  /**
   * PGlite only: start from this image of a data directory (PGlite's dumpDataDir) instead of an empty cluster — the
   * test suite migrates once and starts every test file's database from the migrated image.
   */
  pgliteImage?: Blob;
  /**
   * Told when an idle pooled connection dies (server restart, network cut, a terminated backend). The pool drops that
   * connection and opens a new one when needed; without a listener, node-postgres would crash the whole process.
   */
  onConnectionError?: (error: Error) => void;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', options.onConnectionError ?? ((error) => {
      process.stderr.write(JSON.stringify({ level: 40, time: Date.now(), msg: 'idle database connection lost', error: error.message }) + '\n');
    }));
    // A connection lost while a request holds it (a restart, pg_terminate_backend) also emits 'error' on the client,
    // which the pool only listens to while the client is idle: unheard, it would crash the process. The query in flight
    // gets the same error (errors.ts answers 503) and the pool drops the dead client on release.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const pglite = await PGlite.create(options.dataDir ?? 'memory://', {
    parsers: { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value },
    ...(options.pgliteImage ? { loadDataDir: options.pgliteImage } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) as unknown as pg.Pool }) });
  return { db, engine: 'pglite', close: () => db.destroy(), dumpImage: async () => pglite.dumpDataDir('none') };
}

/**
 * PGlite is a single in-process connection. Kysely holds a "connection" for a whole transaction, so the pool hands
 * out that one connection to one caller at a time; others wait in line. This keeps concurrent requests from
 * interleaving statements inside each other's transactions.
 */
class PGlitePool {
  private queue: Array<() => void> = [];
  private busy = false;
  constructor(private readonly pglite: PGlite) {}

  async connect(): Promise<{ query: PGliteClient['query']; release: () => void }> {
    if (this.busy) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.busy = true;
    const client = new PGliteClient(this.pglite);
    let released = false;
    return {
      query: client.query.bind(client),
      release: () => {
        if (released) return;
        released = true;
        const next = this.queue.shift();
        if (next) next();
        else this.busy = false;
      },
    };
  }

  async end(): Promise<void> {
    await this.pglite.close();
  }
}

class PGliteClient {
  constructor(private readonly pglite: PGlite) {}
  async query(sqlText: string, parameters: readonly unknown[] = []): Promise<{ command: string; rowCount: number; rows: unknown[] }> {
    // Without parameters use the simple protocol, which (like node-postgres) accepts several statements: migrations.
    const result = parameters.length === 0
      ? (await this.pglite.exec(sqlText)).at(-1) ?? { rows: [], affectedRows: 0 }
      : await this.pglite.query(sqlText, parameters as unknown[]);
    const affected = result.affectedRows ?? 0;
    return { command: affected > 0 ? 'UPDATE' : 'SELECT', rowCount: affected, rows: result.rows };
  }
}

export { pgliteTypes };
