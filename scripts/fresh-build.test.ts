import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../main/testing/temp-dir.js';
// @ts-expect-error: a plain ES module script (scripts/ is not TypeScript); its exports are used as they are.
import { freshBuild } from './fresh-build.mjs';

type FreshBuild = (output: string, roots: string[], build: () => Promise<void>) => Promise<boolean>;
const fresh = freshBuild as FreshBuild;

describe('bundles rebuilt only when their sources changed', () => {
  it('builds when the output is missing or older than a source, not otherwise, and once when asked at once', async () => {
    const tmp = tempDir();
    try {
      const src = join(tmp.dir, 'src');
      mkdirSync(src);
      const source = join(src, 'a.ts');
      writeFileSync(source, 'export {};');
      const output = join(tmp.dir, 'out', 'bundle.js');
      let builds = 0;
      const build = async () => {
        builds++;
        await new Promise((r) => setTimeout(r, 50));
        mkdirSync(join(tmp.dir, 'out'), { recursive: true });
        writeFileSync(output, `// build ${builds}`);
      };
      // Three processes' worth of asks at once: one builds, the others wait and find it fresh.
      await Promise.all([fresh(output, [src], build), fresh(output, [src], build), fresh(output, [src], build)]);
      expect(builds).toBe(1);
      expect(await fresh(output, [src], build)).toBe(false);
      expect(builds).toBe(1);
      // A source edited after the build: built again.
      const later = new Date(Date.now() + 5_000);
      utimesSync(source, later, later);
      expect(await fresh(output, [src], build)).toBe(true);
      expect(builds).toBe(2);
    } finally {
      tmp.remove();
    }
  });
});
