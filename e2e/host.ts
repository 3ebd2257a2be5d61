import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { LAUNCH_FILE } from '../main/web/launch-file.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningHost {
  url: string;
  token: string;
  /** The address with the token in its fragment, as the host prints it. */
  entry: string;
  dataDir: string;
  /** The host process's id (its work folders are named for it). */
  pid: number;
  /** Everything the host printed so far, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash: no handler runs. Resolves when the process is gone. */
  kill(): Promise<void>;
}

/** Starts `main/web/serve.ts` as a real child process on a data folder and waits for its URL. */
export async function startHost(
  dataDir: string,
  extra: string[] = [],
  env: Record<string, string> = {},
): Promise<RunningHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/web/serve.ts', '--data-dir', dataDir, '--port', '0', ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Open the workbench at \S+/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  // Its output is piped, so the host leaves the token out of it and in its launch file.
  const entry = readFileSync(join(dataDir, LAUNCH_FILE), 'utf8').trim();
  const [url = '', token = ''] = entry.split('#token=');
  return {
    url,
    token,
    entry,
    dataDir,
    pid: child.pid ?? -1,
    output: () => output,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    // SIGTERM first (the host closes its workbook); SIGKILL if it has not gone after 5 s.
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cgw-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
