import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { LIMITS } from '../../../shared/contract/index.js';
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
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

/** The central directory's entries, read from the end record; a missing end record means a cut-off file. */
function centralEntries(buf: Buffer, file: string, limits: ZipLimits): { entries: Entry[]; start: number } {
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let end = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    const zipStart = buf.length >= 4 && buf.readUInt32LE(0) === LOCAL;
    throw new ImportError(
      zipStart
        ? `${file} is truncated: the end of the spreadsheet file is missing. Ask for the file again.`
        : `${file} is not an XLSX file (it is not a zip archive). Save it from Excel as .xlsx, or as CSV.`,
    );
  }
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const start = buf.readUInt32LE(end + 16);
  if (count === 0xffff || start === 0xffffffff)
    throw new ImportError(`${file}: ZIP64 spreadsheets (over 4 GB or 65,535 parts) are not supported.`);
  if (count > limits.maxEntries) throw new ImportError(`${file} holds more than ${limits.maxEntries} parts.`);
  if (start + size > end) throw new ImportError(`${file} is damaged: its directory points past its end.`);
  const entries: Entry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== CENTRAL)
      throw new ImportError(`${file} is damaged: bad directory entry ${i + 1}.`);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    entries.push({ name, method, flags, compressed, local });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, start };
}

/** Inflates one entry's data, counting output; stops the moment a cap is passed. */
function inflateCounted(data: Buffer, budget: number, entry: Entry, file: string, limits: ZipLimits): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let out = 0;
    let failed = false;
    const fail = (message: string) => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(new ImportError(message));
    };
    inflate.on('data', (chunk: Buffer) => {
      out += chunk.length;
      if (out > budget) {
        fail(
          `${file} inflates to more than ${Math.round(limits.maxTotalBytes / 1024 ** 2)} MB (part ${entry.name}); refused as a possible zip bomb.`,
        );
      } else if (out > limits.ratioFloorBytes && out > limits.maxRatio * Math.max(1, data.length)) {
        fail(`${file}: part ${entry.name} expands more than ${limits.maxRatio} times; refused as a possible zip bomb.`);
      }
    });
    inflate.on('error', () => fail(`${file} is damaged: part ${entry.name} does not decompress.`));
    inflate.on('end', () => {
      if (!failed) resolve(out);
    });
    inflate.end(data);
  });
}

/**
 * Checks an XLSX (zip) file before any reader inflates it: the directory is whole, the
 * entries lie end to end as a sequential reader will meet them, none is encrypted, and
 * inflating every entry stays under the size and ratio caps. The caps are counted on the
 * bytes actually produced, never taken from the sizes the file declares.
 */
export async function guardZip(path: string, file: string, limits: ZipLimits = ZIP_LIMITS): Promise<string[]> {
  const handle = await open(path, 'r');
  let buf: Buffer;
  try {
    buf = await handle.readFile();
  } finally {
    await handle.close();
  }
  const { entries, start } = centralEntries(buf, file, limits);
  const sorted = [...entries].sort((a, b) => a.local - b.local);
  let expected = 0;
  let total = 0;
  for (const entry of sorted) {
    // Entries must tile the file from its first byte: a sequential reader sees exactly these.
    if (entry.local !== expected || entry.local + 30 > start || buf.readUInt32LE(entry.local) !== LOCAL)
      throw new ImportError(`${file} is damaged or crafted: its parts overlap or leave gaps (at ${entry.name}).`);
    if (entry.flags & 1) throw new ImportError(`${file} is password-protected; remove the password in Excel first.`);
    const nameLen = buf.readUInt16LE(entry.local + 26);
    const extraLen = buf.readUInt16LE(entry.local + 28);
    const dataStart = entry.local + 30 + nameLen + extraLen;
    const dataEnd = dataStart + entry.compressed;
    if (dataEnd > start) throw new ImportError(`${file} is damaged: part ${entry.name} runs past the directory.`);
    const data = buf.subarray(dataStart, dataEnd);
    let produced: number;
    if (entry.method === 0) produced = data.length;
    else if (entry.method === 8)
      produced = await inflateCounted(data, limits.maxTotalBytes - total, entry, file, limits);
    else throw new ImportError(`${file}: part ${entry.name} uses an unsupported compression method (${entry.method}).`);
    total += produced;
    if (total > limits.maxTotalBytes)
      throw new ImportError(
        `${file} inflates to more than ${Math.round(limits.maxTotalBytes / 1024 ** 2)} MB; refused as a possible zip bomb.`,
      );
    expected = dataEnd;
    if (entry.flags & 8) {
      // A data descriptor follows: optional signature, CRC, sizes.
      expected += buf.readUInt32LE(dataEnd) === DESCRIPTOR ? 16 : 12;
    }
  }
  if (expected !== start)
    throw new ImportError(`${file} is damaged or crafted: bytes between its parts and directory.`);
  return entries.map((e) => e.name);
}
