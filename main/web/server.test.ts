import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../handlers/index.js';
import { Session } from '../services/session.js';
import { tempDir } from '../testing/temp-dir.js';
import { LIMITS } from '../../shared/contract/index.js';
import { type Host, startHost } from './server.js';
import { tokenMatches } from './security.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  host: Host,
  opts: { path?: string; method?: string; headers?: Record<string, string>; body?: string; address?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: opts.address ?? '127.0.0.1',
        port: host.port,
        path: opts.path ?? '/api/call',
        method: opts.method ?? 'POST',
        agent: false,
        headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', ...opts.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body ?? JSON.stringify({ method: 'datasets.list', args: {} }));
  });
}

const tmp = tempDir();
const session = new Session();
let host: Host;

beforeAll(async () => {
  await session.openDefault(tmp.dir);
  const { router, events } = createRouter(session);
  host = await startHost({ router, events, staticDir: tmp.dir });
});
afterAll(async () => {
  await host.close();
  await session.close();
  tmp.remove();
});

describe('the browser host', () => {
  it('answers API calls that carry the launch token', async () => {
    const answer = await call(host, { headers: { 'x-cgw-token': host.token } });
    expect(answer.status).toBe(200);
    const reply = JSON.parse(answer.body) as { ok: boolean; value: { name: string }[] };
    expect(reply.ok).toBe(true);
    expect(reply.value.map((d) => d.name)).toEqual(['buyer_capex', 'chips', 'chip_supply']);
  });

  it('uses a token of at least 192 bits and compares it whole', () => {
    expect(Buffer.from(host.token, 'base64url').length).toBeGreaterThanOrEqual(24);
    expect(tokenMatches(host.token, host.token)).toBe(true);
    expect(tokenMatches(host.token, host.token.slice(0, -1))).toBe(false);
    expect(tokenMatches(host.token, `${host.token}x`)).toBe(false);
    expect(tokenMatches(host.token, undefined)).toBe(false);
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await call(host, {})).status).toBe(401);
    const wrong = await call(host, { headers: { 'x-cgw-token': 'A'.repeat(32) } });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect((await call(host, { path: '/api/events', method: 'GET' })).status).toBe(401);
  });

  it('refuses foreign Host names (DNS rebinding) with 403, even with the token', async () => {
    for (const name of [
      `evil.example:${host.port}`,
      `127.0.0.1.nip.io:${host.port}`,
      '127.0.0.1',
      `localhost:${host.port + 1}`,
    ]) {
      const answer = await call(host, { headers: { host: name, 'x-cgw-token': host.token } }).catch((e: unknown) => ({
        status: String(e),
      }));
      expect(answer.status, name).toBe(403);
    }
    // Static files too: a rebinding page cannot even read the renderer.
    expect(
      (await call(host, { path: '/', method: 'GET', headers: { host: `evil.example:${host.port}` } })).status,
    ).toBe(403);
  });

  it('refuses foreign, null and other-port origins with 403', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${host.port + 1}`,
      `https://127.0.0.1:${host.port}`,
    ]) {
      const answer = await call(host, { headers: { origin, 'x-cgw-token': host.token } });
      expect(answer.status, origin).toBe(403);
      // Every endpoint, the event stream included, checks the origin before anything else.
      for (const [method, path] of [
        ['GET', '/api/events'],
        ['POST', '/api/upload?name=a.csv'],
        ['GET', `/api/download/${'a'.repeat(24)}`],
        ['GET', '/index.html'],
      ] as const) {
        const other = await call(host, { method, path, headers: { origin, 'x-cgw-token': host.token }, body: '' });
        expect(other.status, `${method} ${path} from ${origin}`).toBe(403);
      }
    }
    const crossSite = await call(host, { headers: { 'sec-fetch-site': 'cross-site', 'x-cgw-token': host.token } });
    expect(crossSite.status).toBe(403);
    const own = await call(host, { headers: { origin: `http://127.0.0.1:${host.port}`, 'x-cgw-token': host.token } });
    expect(own.status).toBe(200);
  });

  it('listens on loopback only', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (outside) {
      await expect(call(host, { address: outside.address, headers: { 'x-cgw-token': host.token } })).rejects.toThrow(
        /ECONNREFUSED/,
      );
    }
  });

  it('sends security headers and caps the body size', async () => {
    const answer = await call(host, { headers: { 'x-cgw-token': host.token } });
    expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    expect(answer.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin');
    const big = await call(host, {
      headers: { 'x-cgw-token': host.token },
      body: 'x'.repeat(LIMITS.requestBytes + 10),
    });
    expect(big.status).toBe(413);
  });

  it('answers bad JSON and bad arguments with typed errors', async () => {
    const notJson = await call(host, { headers: { 'x-cgw-token': host.token }, body: '{"method":' });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const badArgs = await call(host, {
      headers: { 'x-cgw-token': host.token },
      body: JSON.stringify({ method: 'datasets.readRows', args: { dataset: 'chips', offset: -1, limit: 5 } }),
    });
    expect(JSON.parse(badArgs.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('never serves files outside the renderer folder', async () => {
    const answer = await call(host, { path: '/..%2f..%2fetc%2fpasswd', method: 'GET' });
    expect(answer.body).not.toContain('root:');
  });
});
