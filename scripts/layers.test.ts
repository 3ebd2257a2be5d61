import { rmSync, writeFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

/** Probe files that break a layer rule; lint must refuse each one. */
const probes: { file: string; source: string; message: RegExp }[] = [
  {
    file: 'shared/contract/layer-probe.ts',
    source: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    message: /no Node or Electron/,
  },
  {
    file: 'shared/model/layer-probe.ts',
    source: "import { Session } from '../../main/services/session.js';\nexport const x = Session;\n",
    message: /imports neither main/,
  },
  {
    file: 'renderer/src/layer-probe.ts',
    source: "import { Router } from '../../main/handlers/router.js';\nexport const x = Router;\n",
    message: /only through the contract client/,
  },
  {
    file: 'renderer/src/layer-probe-2.ts',
    source: "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    message: /No Node or Electron/,
  },
  {
    file: 'renderer/src/layer-probe-3.ts',
    source: "export const x = window.prompt('Name?');\n",
    message: /in-app dialog/,
  },
  {
    file: 'renderer/src/layer-probe-4.ts',
    source: "export const x = confirm('Sure?');\n",
    message: /in-app dialog/,
  },
  {
    file: 'main/services/layer-probe.ts',
    source: "import { app } from 'electron';\nexport const x = app;\n",
    message: /Only main\/electron imports electron/,
  },
];

afterAll(() => {
  for (const p of probes) rmSync(p.file, { force: true });
});

describe('layer rules in lint', () => {
  it('refuse imports across layers', async () => {
    for (const p of probes) writeFileSync(p.file, p.source);
    const results = await new ESLint().lintFiles(probes.map((p) => p.file));
    for (const p of probes) {
      const found = results.find((r) => r.filePath.endsWith(p.file));
      const messages = found?.messages.map((m) => m.message).join('\n') ?? '';
      expect(messages, p.file).toMatch(p.message);
    }
  }, 120_000);
});
