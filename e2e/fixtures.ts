import { expect, test as base } from '@playwright/test';
import { type RunningHost, startHost, tempDataDir } from './host.js';

/** Every spec gets its own data folder and a real browser host on it, stopped afterwards. */
export const test = base.extend<{ host: RunningHost & { restart: () => Promise<RunningHost> } }>({
  /**
   * The page, failing the test if AG Grid complains: the grid registers only the modules it
   * uses, and one missing shows up as a console error (the feature silently absent), not a throw.
   */
  page: async ({ page }, use) => {
    const complaints: string[] = [];
    page.on('console', (m) => {
      if ((m.type() === 'error' || m.type() === 'warning') && /AG Grid/i.test(m.text())) complaints.push(m.text());
    });
    await use(page);
    expect(complaints, 'AG Grid reported a problem (a module not registered?)').toEqual([]);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
  host: async ({}, use) => {
    const data = tempDataDir();
    let current = await startHost(data.dir);
    // Getters, not copies: after restart() the same handle names the new process.
    const handle: RunningHost & { restart: () => Promise<RunningHost> } = {
      get url() {
        return current.url;
      },
      get token() {
        return current.token;
      },
      get entry() {
        return current.entry;
      },
      get pid() {
        return current.pid;
      },
      dataDir: data.dir,
      output: () => current.output(),
      stop: () => current.stop(),
      kill: () => current.kill(),
      restart: async () => {
        await current.stop();
        current = await startHost(data.dir);
        return current;
      },
    };
    await use(handle);
    await current.stop();
    // Whatever the spec did, the host never printed its token (its output is piped, like a log).
    expect(current.output()).not.toContain(current.token);
    data.remove();
  },
});
export { expect };
