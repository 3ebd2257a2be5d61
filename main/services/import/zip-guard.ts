import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { LIMITS } from '../../../shared/contract/index.js';
import type { Text } from '../../../shared/i18n/index.js';
import { ImportError } from './scan.js';

/** Caps on what a zip (an XLSX file) may inflate to, counted while inflating. */
export interface ZipLimits {
  /** Most bytes all entries together may inflate to. */
  maxTotalBytes: number;
  /** Largest inflated/compressed ratio an entry may reach once it is past `ratioFloorBytes`. */
  maxRatio: number;
  /** Below this many inflated bytes an entry's ratio is not judged (tiny XML parts compress well). */
  ratioFloorBytes: number;
  /** Most entries a file may hold. */
  maxEntries: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: LIMITS.xlsxInflatedBytes,
  maxRatio: LIMITS.xlsxRatio,
  ratioFloorBytes: 1024 ** 2,
  maxEntries: 10_000,
};

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  local: number;
  /** The entry's central directory record, as the file holds it. */
  record: Buffer;
}

/** One checked part: its bytes (local header, data, descriptor) lie at [start, end) of the file. */
export interface ZipPart {
  name: string;
  start: number;
  end: number;
  /** The part's central directory record (its local-header offset is the file's, at byte 42). */
  record: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

/** `length` bytes at `position` (fewer at the end of the file). */
async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/**
 * The central directory's entries, found from the end record; a missing end record means a
 * cut-off file. Only the file's tail and its directory are read into memory.
 */
async function centralEntries(
  handle: FileHandle,
  size: number,
  file: string,
  limits: ZipLimits,
): Promise<{ entries: Entry[]; start: number }> {
  const tailStart = Math.max(0, size - 22 - 0xffff);
  const tail = await readAt(handle, tailStart, size - tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    const head = await readAt(handle, 0, 4);
    const zipStart = head.length === 4 && head.readUInt32LE(0) === LOCAL;
    throw new ImportError(
      zipStart
        ? { key: 'importError.zipTruncated', params: { file } }
        : { key: 'importError.notZip', params: { file } },
    );
  }
  const count = tail.readUInt16LE(end + 10);
  const dirSize = tail.readUInt32LE(end + 12);
  const start = tail.readUInt32LE(end + 16);
  if (count === 0xffff || start === 0xffffffff) throw new ImportError({ key: 'importError.zip64', params: { file } });
  if (count > limits.maxEntries)
    throw new ImportError({ key: 'importError.zipParts', params: { file, max: limits.maxEntries } });
  if (start + dirSize > tailStart + end) throw new ImportError({ key: 'importError.zipPastEnd', params: { file } });
  const dir = await readAt(handle, start, dirSize);
  const entries: Entry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL)
      throw new ImportError({ key: 'importError.zipEntry', params: { file, n: i + 1 } });
    const flags = dir.readUInt16LE(at + 8);
    const method = dir.readUInt16LE(at + 10);
    const compressed = dir.readUInt32LE(at + 20);
    const nameLen = dir.readUInt16LE(at + 28);
    const extraLen = dir.readUInt16LE(at + 30);
    const commentLen = dir.readUInt16LE(at + 32);
    const local = dir.readUInt32LE(at + 42);
    const name = dir.toString('utf8', at + 46, at + 46 + nameLen);
    const next = at + 46 + nameLen + extraLen + commentLen;
    entries.push({ name, method, flags, compressed, local, record: Buffer.from(dir.subarray(at, next)) });
    at = next;
  }
  return { entries, start };
}

/** Inflates one entry's data straight from the file, counting output; stops the moment a cap is passed. */
function inflateCounted(
  path: string,
  range: { start: number; end: number },
  budget: number,
  entry: Entry,
  file: string,
  limits: ZipLimits,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const compressed = range.end - range.start;
    const source = createReadStream(path, { start: range.start, end: range.end - 1 });
    const inflate = createInflateRaw();
    let out = 0;
    let failed = false;
    const fail = (message: Text) => {
      if (failed) return;
      failed = true;
      source.destroy();
      inflate.destroy();
      reject(new ImportError(message));
    };
    inflate.on('data', (chunk: Buffer) => {
      out += chunk.length;
      if (out > budget) {
        fail({
          key: 'importError.zipBombPart',
          params: { file, mb: Math.round(limits.maxTotalBytes / 1024 ** 2), part: entry.name },
        });
      } else if (out > limits.ratioFloorBytes && out > limits.maxRatio * Math.max(1, compressed)) {
        fail({ key: 'importError.zipRatio', params: { file, part: entry.name, ratio: limits.maxRatio } });
      }
    });
    inflate.on('error', () => fail({ key: 'importError.zipInflate', params: { file, part: entry.name } }));
    source.on('error', () => fail({ key: 'importError.zipRead', params: { file, part: entry.name } }));
    inflate.on('end', () => {
      if (!failed) resolve(out);
    });
    source.pipe(inflate);
  });
}

/**
 * Checks an XLSX (zip) file before any reader inflates it: the directory is whole, the
 * entries lie end to end as a sequential reader will meet them, none is encrypted, and
 * inflating every entry stays under the size and ratio caps. The caps are counted on the
 * bytes actually produced, never taken from the sizes the file declares. The file is read
 * piecewise, so a large spreadsheet is never held in memory whole.
 */
export async function guardZip(path: string, file: string, limits: ZipLimits = ZIP_LIMITS): Promise<ZipPart[]> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const { entries, start } = await centralEntries(handle, size, file, limits);
    const sorted = [...entries].sort((a, b) => a.local - b.local);
    let expected = 0;
    let total = 0;
    const parts: ZipPart[] = [];
    for (const entry of sorted) {
      // Entries must tile the file from its first byte: a sequential reader sees exactly these.
      const header =
        entry.local === expected && entry.local + 30 <= start ? await readAt(handle, entry.local, 30) : null;
      if (!header || header.length < 30 || header.readUInt32LE(0) !== LOCAL)
        throw new ImportError({ key: 'importError.zipOverlap', params: { file, part: entry.name } });
      if (entry.flags & 1) throw new ImportError({ key: 'importError.zipPassword', params: { file } });
      const dataStart = entry.local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const dataEnd = dataStart + entry.compressed;
      if (dataEnd > start)
        throw new ImportError({ key: 'importError.zipPartPast', params: { file, part: entry.name } });
      let produced: number;
      if (entry.method === 0) produced = entry.compressed;
      else if (entry.method === 8)
        produced = await inflateCounted(
          path,
          { start: dataStart, end: dataEnd },
          limits.maxTotalBytes - total,
          entry,
          file,
          limits,
        );
      else
        throw new ImportError({
          key: 'importError.zipMethod',
          params: { file, part: entry.name, method: String(entry.method) },
        });
      total += produced;
      if (total > limits.maxTotalBytes)
        throw new ImportError({
          key: 'importError.zipBomb',
          params: { file, mb: Math.round(limits.maxTotalBytes / 1024 ** 2) },
        });
      expected = dataEnd;
      if (entry.flags & 8) {
        // A data descriptor follows: optional signature, CRC, sizes.
        const mark = await readAt(handle, dataEnd, 4);
        expected += mark.length === 4 && mark.readUInt32LE(0) === DESCRIPTOR ? 16 : 12;
      }
      parts.push({ name: entry.name, start: entry.local, end: expected, record: entry.record });
    }
    if (expected !== start) throw new ImportError({ key: 'importError.zipGap', params: { file } });
    return parts;
  } finally {
    await handle.close();
  }
}
