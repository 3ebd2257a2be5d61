import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { createRouter } from '../handlers/index.js';
import { appRoot, defaultDataDir } from '../services/paths.js';
import { Session } from '../services/session.js';
import { sweepOrphanWork } from '../services/work-files.js';
import { announcement, removeLaunchFile, writeLaunchFile } from './launch-file.js';
import { startHost } from './server.js';

/** `npm run web`: the browser host on the built-in (or a given) workbook. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      workbook: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const removed = sweepOrphanWork();
  if (removed.length > 0) console.log(`Removed ${removed.length} work folder(s) left by a stopped run.`);
  const session = new Session();
  const dataDir = values['data-dir'] ?? defaultDataDir();
  if (values.workbook) await session.open(values.workbook);
  else await session.openDefault(dataDir);
  const { router, events, transfers } = createRouter(session);
  const host = await startHost({
    router,
    events,
    transfers,
    staticDir: join(appRoot(), 'renderer', 'dist'),
    port: Number(values.port),
  });
  const info = await session.current().info();
  // The token travels in the URL fragment, which browsers never send to a server.
  const entry = `${host.url}#token=${host.token}`;
  const launch = writeLaunchFile(dataDir, entry);
  console.log(`Workbook: ${info.path}`);
  console.log(announcement(host.url, entry, launch, process.stdout.isTTY === true));
  const stop = (): void => {
    removeLaunchFile(launch, entry);
    // Open connections normally close at once; never let one keep the process alive.
    setTimeout(() => process.exit(0), 3000).unref();
    void host
      .close()
      .then(() => session.close())
      .finally(() => {
        transfers.dispose();
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
