import { describe, expect, it } from 'vitest';
import { builtInWorkbook } from '../testing/built-in-workbook.js';
import { linkToOpen, webLink } from './links.js';

const { session } = builtInWorkbook();

describe('which links may open in the system browser', () => {
  it('only plain http(s) links, never other schemes or disguised ones', () => {
    expect(webLink('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://host/share',
      'data:text/html,<script>1</script>',
      'ms-settings:',
      'vscode://file/x',
      'https://user:pw@evil.example/',
      `https://example.com/${'x'.repeat(2001)}`,
      'not a url',
      42,
      null,
    ]) {
      expect(webLink(bad), String(bad)).toBeNull();
    }
  });

  it('opens a source the workbook cites and refuses a link it does not', async () => {
    const store = session.current();
    const rows = await store.readRows({ dataset: 'chips', offset: 0, limit: 100 });
    const cited = rows.rows.map((r) => r.values['source']).find((v): v is string => typeof v === 'string' && v !== '');
    expect(cited).toMatch(/^https?:\/\//);
    expect(await linkToOpen(store, cited)).toBe(webLink(cited));
    expect(await linkToOpen(store, 'https://attacker.example/payload')).toBeNull();
    expect(await linkToOpen(null, cited)).toBeNull();
    expect(await linkToOpen(store, 'file:///etc/passwd')).toBeNull();
  });
});
