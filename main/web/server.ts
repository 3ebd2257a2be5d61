import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { type ErrorBody, type EventName, LIMITS } from '../../shared/contract/index.js';
import type { EventBus, Router } from '../handlers/index.js';
import type { Transfers } from '../services/transfers.js';
import { writeError } from '../services/write-errors.js';
import { CONTENT_TYPES, SECURITY_HEADERS, checkRequestOrigin, newToken, tokenMatches } from './security.js';

export const TOKEN_HEADER = 'x-cgw-token';

export interface HostOptions {
  router: Router;
  events: EventBus;
  /** Where uploads go and exports wait for download. */
  transfers?: Transfers;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  port?: number;
  token?: string;
}

export interface Host {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, ...extra });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, error: ErrorBody): void {
  send(res, status, JSON.stringify({ ok: false, error }), 'application/json', { 'Cache-Control': 'no-store' });
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > LIMITS.requestBytes) return resolveBody(null);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMITS.requestBytes) {
        over = true;
        chunks.length = 0;
      } else if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolveBody(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The browser host: the built renderer and the same router the Electron window uses, over
 * HTTP on 127.0.0.1 only. Every API request needs the per-launch token in a header; every
 * request must name this host and come from its own origin.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? newToken();
  const root = resolve(options.staticDir);
  let port = options.port ?? 0;

  const serveStatic = (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 405, { code: 'BAD_REQUEST', message: 'Method not allowed.' });
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return sendError(res, 400, { code: 'BAD_REQUEST', message: 'Bad path.' });
    }
    const file = normalize(join(root, decoded));
    const inside = file === root || file.startsWith(root + sep);
    const target = inside && existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
    if (!existsSync(target)) return send(res, 404, 'The renderer is not built: run npm run build.', 'text/plain');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
      'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(target).pipe(res);
  };

  const serveEvents = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const unsubscribe = options.events.subscribe((event: EventName, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  };

  const serveCall = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      return sendError(res, 415, { code: 'BAD_REQUEST', message: 'Send JSON (application/json).' });
    }
    const body = await readBody(req);
    if (body === null) {
      return sendError(res, 413, { code: 'TOO_LARGE', message: `Request larger than ${LIMITS.requestBytes} bytes.` });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return sendError(res, 400, { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' });
    }
    const request = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    const reply = await options.router.call(request.method, request.args, { transport: 'http' });
    send(res, 200, JSON.stringify(reply), 'application/json', { 'Cache-Control': 'no-store' });
  };

  /** Streams a file the user chose in the window to a temporary file, counting bytes as they come. */
  const serveUpload = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!options.transfers) return sendError(res, 404, { code: 'NOT_FOUND', message: 'Uploads are off.' });
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > LIMITS.uploadBytes) {
      return sendError(res, 413, {
        code: 'TOO_LARGE',
        message: `Files over ${LIMITS.uploadBytes / 1024 ** 3} GB cannot be imported.`,
      });
    }
    const name = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('name') ?? 'upload';
    const item = options.transfers.reserve(name);
    let size = 0;
    let tooLarge = false;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        tooLarge = size > LIMITS.uploadBytes;
        if (tooLarge) done(new Error('too large'));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(req, counter, createWriteStream(item.path));
    } catch (error) {
      options.transfers.release(item.id);
      if (tooLarge)
        return sendError(res, 413, {
          code: 'TOO_LARGE',
          message: `Files over ${LIMITS.uploadBytes / 1024 ** 3} GB cannot be imported.`,
        });
      // Said by its cause: a full disk or a refused folder is not "too large".
      const failure = writeError(error, { key: 'mainError.theUpload', params: { name: item.name } });
      return sendError(res, failure.code === 'DISK_FULL' ? 507 : 500, failure.toBody());
    }
    send(
      res,
      200,
      JSON.stringify({ ok: true, value: { upload: item.id, name: item.name, size } }),
      'application/json',
      {
        'Cache-Control': 'no-store',
      },
    );
  };

  const serveDownload = (res: ServerResponse, id: string): void => {
    let item;
    try {
      if (!options.transfers || !/^[0-9a-f]{24}$/.test(id)) throw new Error('no');
      item = options.transfers.get(id);
    } catch {
      return sendError(res, 404, { code: 'NOT_FOUND', message: 'No such download.' });
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(item.name)}`,
      'Cache-Control': 'no-store',
    });
    const stream = createReadStream(item.path);
    stream.pipe(res);
    res.on('finish', () => options.transfers?.release(id));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal = checkRequestOrigin(req, port);
    if (refusal) return sendError(res, refusal.status, { code: 'FORBIDDEN', message: refusal.message });
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (!pathname.startsWith('/api/')) return serveStatic(req, res, pathname);
    const given = req.headers[TOKEN_HEADER];
    if (!tokenMatches(token, Array.isArray(given) ? given[0] : given)) {
      return sendError(res, 401, { code: 'UNAUTHORIZED', message: 'Missing or wrong token.' });
    }
    if (pathname === '/api/call' && req.method === 'POST') return serveCall(req, res);
    if (pathname === '/api/upload' && req.method === 'POST') return serveUpload(req, res);
    if (pathname.startsWith('/api/download/') && req.method === 'GET') return serveDownload(res, pathname.slice(14));
    if (pathname === '/api/events' && req.method === 'GET') return serveEvents(req, res);
    return sendError(res, 404, { code: 'NOT_FOUND', message: 'No such endpoint.' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: 'The host failed to answer.' });
      else res.end();
    });
  });
  server.requestTimeout = 5 * 60_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
