import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { crc32 } from 'node:zlib';
import type { ZipPart } from './zip-guard.js';

/** Parts ExcelJS's streaming reader needs before any worksheet, in the order it wants them. */
const FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const EMPTY_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/** A stored (uncompressed) part built here: its local header with data, and its directory record. */
function storedPart(name: string, data: Buffer): { local: Buffer; record: Buffer } {
  const nameBytes = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const record = Buffer.alloc(46);
  record.writeUInt32LE(0x02014b50, 0);
  record.writeUInt16LE(20, 4);
  record.writeUInt16LE(20, 6);
  record.writeUInt32LE(crc, 16);
  record.writeUInt32LE(data.length, 20);
  record.writeUInt32LE(data.length, 24);
  record.writeUInt16LE(nameBytes.length, 28);
  return { local: Buffer.concat([local, nameBytes, data]), record: Buffer.concat([record, nameBytes]) };
}

/**
 * Writes a copy of a checked XLSX with its parts in the order a streaming reader can use:
 * relationships, workbook, shared strings and styles before any worksheet. Excel and ExcelJS
 * store worksheets first; ExcelJS's streaming reader then parks each sheet in a temp file of
 * its own (a source of races when a sheet is skipped) and, past a handful of sheets, loses
 * parts and fails on a sound file. Parts are copied byte for byte, never re-compressed; a
 * workbook with no shared strings gets an empty table so its sheets are not parked either.
 */
export async function writeReaderOrder(path: string, parts: readonly ZipPart[], out: string): Promise<void> {
  const rank = (p: ZipPart) => {
    const i = FIRST.indexOf(p.name);
    return i >= 0 ? i : p.name.startsWith('xl/worksheets/') ? FIRST.length + 1 : FIRST.length;
  };
  const ordered = parts.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i);
  const sink = createWriteStream(out);
  const write = async (chunk: Buffer) => {
    if (!sink.write(chunk)) await once(sink, 'drain');
  };
  const records: Buffer[] = [];
  let offset = 0;
  let hasStrings = parts.some((p) => p.name === SHARED_STRINGS);
  try {
    for (const { p } of ordered) {
      if (!hasStrings && rank(p) > FIRST.length) {
        // Before the first worksheet.
        const made = storedPart(SHARED_STRINGS, EMPTY_STRINGS);
        await write(made.local);
        made.record.writeUInt32LE(offset, 42);
        records.push(made.record);
        offset += made.local.length;
        hasStrings = true;
      }
      for await (const chunk of createReadStream(path, { start: p.start, end: p.end - 1 }))
        await write(chunk as Buffer);
      const record = Buffer.from(p.record);
      record.writeUInt32LE(offset, 42);
      records.push(record);
      offset += p.end - p.start;
    }
    const directory = Buffer.concat(records);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(records.length, 8);
    end.writeUInt16LE(records.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    await write(Buffer.concat([directory, end]));
  } finally {
    sink.end();
    await once(sink, 'close');
  }
}
