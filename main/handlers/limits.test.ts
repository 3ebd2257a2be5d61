import { closeSync, openSync, ftruncateSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/contract/index.js';
import { textIn } from '../../shared/i18n/index.js';
import { Session } from '../services/session.js';
import { tempDir } from '../testing/temp-dir.js';
import { type Host, startHost } from '../web/server.js';
import { createRouter } from './index.js';
import type { Router } from './router.js';
import type { Transfers } from '../services/transfers.js';
import { byteSafeName, writeError } from '../services/write-errors.js';

/** Each cap in shared/contract/limits.ts, hit through the path a user or a file would take. */
const tmp = tempDir();
const session = new Session();
let router: Router;
let transfers: Transfers;
let host: Host;
const ctx = { transport: 'http' } as const;

beforeAll(async () => {
  await session.openDefault(tmp.dir);
  const made = createRouter(session);
  ({ router, transfers } = made);
  host = await startHost({ router, events: made.events, transfers, staticDir: tmp.dir });
});
afterAll(async () => {
  await host.close();
  transfers.dispose();
  await session.close();
  tmp.remove();
});

const refusal = async (method: string, args: unknown) => {
  const reply = await router.call(method, args, ctx);
  expect(reply.ok).toBe(false);
  return reply.ok ? { code: '', message: '' } : reply.error;
};

describe('limits', () => {
  it('text in a cell: 32,767 characters, as in Excel', async () => {
    const rows = await router.call('datasets.readRows', { dataset: 'chips', offset: 0, limit: 1 }, ctx);
    const rowId = rows.ok ? (rows.value as { rows: { id: number }[] }).rows[0]?.id : 0;
    const error = await refusal('datasets.updateCells', {
      dataset: 'chips',
      edits: [{ rowId, column: 'note', value: 'x'.repeat(LIMITS.textLength + 1) }],
    });
    expect(error.message).toMatch(/longer than 32767 characters/);
    const ok = await router.call(
      'datasets.updateCells',
      { dataset: 'chips', edits: [{ rowId, column: 'note', value: 'x'.repeat(LIMITS.textLength) }] },
      ctx,
    );
    expect(ok.ok).toBe(true);
  });

  it('rows in one page read and edits in one batch', async () => {
    const page = await refusal('datasets.readRows', { dataset: 'chips', offset: 0, limit: LIMITS.pageRows + 1 });
    expect(page).toMatchObject({ code: 'BAD_REQUEST' });
    expect(page.message).toMatch(/limit/);
    const edits = Array.from({ length: LIMITS.batch + 1 }, () => ({ rowId: 1, column: 'note', value: 'x' }));
    expect(await refusal('datasets.updateCells', { dataset: 'chips', edits })).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('import size: a file over 2 GB is refused before a byte is read', async () => {
    const path = tmp.file('huge.csv');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, LIMITS.importBytes + 1); // sparse: takes no disk
    closeSync(fd);
    const item = transfers.adopt(path);
    const error = await refusal('import.preview', { upload: item.id });
    expect(error).toMatchObject({ code: 'TOO_LARGE' });
    expect(error.message).toBe('huge.csv is larger than 2 GB.');
  });

  it('upload size: the host refuses a declared body over 2 GB at once', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/upload?name=big.csv',
          method: 'POST',
          agent: false,
          headers: {
            host: `127.0.0.1:${host.port}`,
            'x-cgw-token': host.token,
            'content-length': String(LIMITS.uploadBytes + 1),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('a,b\n');
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('Files over 2 GB cannot be imported');
  });
  it('upload name: 100 Chinese characters (300 bytes, over the 255 a file name may take) are accepted and kept as the label', async () => {
    const name = `${'资本开支'.repeat(25)}.csv`;
    const body = 'buyer,capex\nTencent,1\n';
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: `/api/upload?name=${encodeURIComponent(name)}`,
          method: 'POST',
          agent: false,
          headers: {
            host: `127.0.0.1:${host.port}`,
            'x-cgw-token': host.token,
            'content-length': String(Buffer.byteLength(body)),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(answer.status).toBe(200);
    const reply = JSON.parse(answer.body) as { value: { upload: string; name: string; size: number } };
    expect(reply.value.name).toBe(name);
    expect(reply.value.size).toBe(Buffer.byteLength(body));
    const preview = await router.call('import.preview', { upload: reply.value.upload }, ctx);
    expect(preview.ok).toBe(true);
  });

  it('write failures are said by their cause, never as "too large"', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    const upload = { key: 'mainError.theUpload', params: { name: 'a.csv' } } as const;
    expect(writeError(err('ENOSPC'), upload)).toMatchObject({ code: 'DISK_FULL' });
    expect(writeError(err('ENAMETOOLONG'), upload)).toMatchObject({ code: 'NAME_TOO_LONG' });
    expect(writeError(err('EACCES'), upload)).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(writeError(err('EIO'), upload)).toMatchObject({ code: 'WRITE_FAILED' });
    const full = writeError(err('ENOSPC'), upload);
    expect(full.message).toBe(
      'There is no room left on the disk for the upload of a.csv. Free some space and try again.',
    );
    // The same failure as data, worded by a Chinese window in Chinese.
    expect(full.text && textIn('zh-CN', full.text)).toBe('磁盘空间不足，无法写入上传的 a.csv。请释放空间后重试。');
    // Cut by bytes, the extension whole, no character split.
    const cut = byteSafeName(`${'资'.repeat(100)}.xlsx`);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(200);
    expect(cut.endsWith('.xlsx')).toBe(true);
    expect(cut).toBe(`${'资'.repeat(65)}.xlsx`);
    expect(byteSafeName('short.csv')).toBe('short.csv');
  });

  // Monte Carlo draws: the CLI's cap is tested in main/cli.test.ts, the window's in e2e/whatif.spec.ts.
});
