import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHost, tempDataDir } from '../../e2e/host.js';
import { tempDir } from '../testing/temp-dir.js';
import { LAUNCH_FILE, announcement, removeLaunchFile, writeLaunchFile } from './launch-file.js';
import { TOKEN_HEADER } from './server.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe("the browser host's token", () => {
  it('goes to an interactive terminal, never to piped output, and to a file only its user can read', () => {
    const token = 'abcDEF123_-xyz';
    const address = `http://127.0.0.1:1/#token=${token}`;
    expect(announcement('http://127.0.0.1:1/', address, '/x/browser-host.url', true)).toContain(`#token=${token}`);
    const piped = announcement('http://127.0.0.1:1/', address, '/x/browser-host.url', false);
    expect(piped).not.toContain(token);
    expect(piped).toContain('/x/browser-host.url');

    const entry = `http://127.0.0.1:1/#token=${token}`;
    const path = writeLaunchFile(join(tmp.dir, 'new-folder'), entry);
    expect(readFileSync(path, 'utf8').trim()).toBe(entry);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // A later launch's file is not removed by an earlier host stopping.
    writeLaunchFile(join(tmp.dir, 'new-folder'), `${entry}2`);
    removeLaunchFile(path, entry);
    expect(existsSync(path)).toBe(true);
    removeLaunchFile(path, `${entry}2`);
    expect(existsSync(path)).toBe(false);
  });

  it('a real host with piped output prints no token, leaves it in its launch file, and removes that on stop', async () => {
    const data = tempDataDir();
    try {
      const host = await startHost(data.dir);
      const file = join(data.dir, LAUNCH_FILE);
      expect(host.token.length).toBeGreaterThanOrEqual(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(host.output()).toContain(host.url);
      expect(host.output()).not.toContain(host.token);
      // The address in the file works: the token it holds is accepted.
      const res = await fetch(`${host.url}api/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
        body: JSON.stringify({ method: 'workbook.info', args: {} }),
      });
      expect(res.status).toBe(200);
      await host.stop();
      expect(existsSync(file)).toBe(false);
    } finally {
      data.remove();
    }
  }, 60_000);
});
