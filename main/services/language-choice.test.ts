import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir.js';
import { readLanguageChoice, saveLanguageChoice } from './language-choice.js';

describe('the desktop menu language choice', () => {
  it('is kept across runs, and a missing or hostile file means "follow the system"', () => {
    const tmp = tempDir();
    try {
      const path = tmp.file('language.json');
      expect(readLanguageChoice(path)).toBe('system');
      saveLanguageChoice(path, 'zh-CN');
      expect(readLanguageChoice(path)).toBe('zh-CN');
      saveLanguageChoice(path, 'system');
      expect(readLanguageChoice(path)).toBe('system');
      for (const bad of ['{', '"zh-CN"', '{"language":"fr"}', '{"language":{"toString":1}}', 'null']) {
        writeFileSync(path, bad);
        expect(readLanguageChoice(path), bad).toBe('system');
      }
      saveLanguageChoice(tmp.file('no-such-folder/language.json'), 'en'); // refused quietly
    } finally {
      tmp.remove();
    }
  });
});
