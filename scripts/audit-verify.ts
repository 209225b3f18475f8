import { verifyChain } from '../src/platform/audit/audit.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { listMunicipalityIds } from '../src/platform/db/tenants.js';

/** `npm run audit:verify`: recomputes every municipality's audit hash chain and reports any break. Exit 1 on a break. */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrate(database.db);
let broken = 0;
for (const municipality of await listMunicipalityIds(database.db)) {
  const started = performance.now();
  const report = await verifyChain(database.db, municipality.id);
  const ms = (performance.now() - started).toFixed(1);
  console.log(`${report.ok ? 'OK    ' : 'BROKEN'} ${municipality.name}: ${report.rows} audit rows${report.ok ? '' : `, first bad row #${report.brokenAt}`} (${ms} ms)`);
  if (!report.ok) broken += 1;
}
await database.close();
if (broken > 0) {
  console.error(`${broken} audit chain(s) are broken: the audit log has been changed outside the application.`);
  process.exit(1);
}
