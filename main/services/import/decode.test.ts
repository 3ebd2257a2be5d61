import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/temp-dir.js';
import { decodeFile } from './import-file.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

// The file is decoded 4 MB at a time: characters cut by a chunk's end must come out whole.
describe('decoding a file in chunks', () => {
  const text = `名称,数值\n${'华为昇腾,910\n'.repeat(400_000)}`; // ~6.8 MB in UTF-8, 3-byte characters across every boundary

  it('keeps multi-byte characters whole across chunk ends, in UTF-8, UTF-8 with BOM, UTF-16 and GB18030', async () => {
    const utf8 = Buffer.from(text, 'utf8');
    expect(utf8.length).toBeGreaterThan(4 * 1024 * 1024);
    writeFileSync(tmp.file('u8.csv'), utf8);
    writeFileSync(tmp.file('bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]));
    writeFileSync(tmp.file('u16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect((await decodeFile(tmp.file('u8.csv'), 'auto', 'u8.csv')) === text).toBe(true);
    expect((await decodeFile(tmp.file('bom.csv'), 'auto', 'bom.csv')) === text).toBe(true);
    expect((await decodeFile(tmp.file('u16.csv'), 'auto', 'u16.csv')) === text).toBe(true);
    // GB18030 (two-byte characters): the chunked decode equals decoding the whole file at once.
    const row = Buffer.from([0xc8, 0xaa, 0xce, 0xaa, 0xc9, 0xfd, 0xcc, 0xda, 0x2c, 0x39, 0x31, 0x30, 0x0a]);
    const gb = Buffer.concat([Buffer.from([0x41]), ...Array.from({ length: 700_000 }, () => row)]); // odd offset
    writeFileSync(tmp.file('gb.csv'), gb);
    const whole = new TextDecoder('gb18030', { fatal: true }).decode(gb);
    const chunked = await decodeFile(tmp.file('gb.csv'), 'gb18030', 'gb.csv');
    expect(chunked.length).toBe(whole.length);
    expect(chunked === whole).toBe(true);
  });

  it('refuses bytes that are not the encoding, even far into the file, naming the file', async () => {
    const bad = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xff, 0x0a])]);
    writeFileSync(tmp.file('bad.csv'), bad);
    await expect(decodeFile(tmp.file('bad.csv'), 'auto', 'bad.csv')).rejects.toThrow(
      'bad.csv is neither valid UTF-8 nor GB18030 (tried in that order); choose its encoding.',
    );
    // A character cut off by the end of the file is refused too.
    writeFileSync(tmp.file('cut.csv'), Buffer.from(`${text}腾`, 'utf8').subarray(0, -1));
    await expect(decodeFile(tmp.file('cut.csv'), 'utf-8', 'cut.csv')).rejects.toThrow('cut.csv is not valid UTF-8');
    // UTF-8 chosen by name says which encoding to try instead.
    await expect(decodeFile(tmp.file('bad.csv'), 'utf-8', 'bad.csv')).rejects.toThrow(
      'bad.csv is not valid UTF-8; files from Chinese sources are often GB18030 (choose that encoding).',
    );
  });
});
