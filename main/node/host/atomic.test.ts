import { spawn } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic';
import { tempDir } from './test-host';

const fixture = fileURLToPath(new URL('./atomic-writer.fixture.ts', import.meta.url));

/** Starts the writer, waits until it saved once, lets it run `ms` more, then kills it with SIGKILL. */
function killMidSave(target: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, target], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited by itself (${_code})`)),
    );
  });
}

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'p.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new ✓');
    expect(await readFile(file, 'utf8')).toBe('new ✓');
    expect(await readdir(dir)).toEqual(['p.json']);
  });

  it('fails as an exception the caller turns into a value when the folder is missing', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(join(dir, 'no/such/p.json'), 'x')).rejects.toThrow(/ENOENT/);
  });

  it('never leaves a torn file when the writer is killed with SIGKILL mid-save', async () => {
    const dir = await tempDir();
    const file = join(dir, 'p.json');
    for (let i = 0; i < 8; i++) {
      await killMidSave(file, 5 + ((i * 37) % 90));
      const text = await readFile(file, 'utf8');
      expect(text.length).toBe(2 * 1024 * 1024);
      expect(text === 'a'.repeat(text.length) || text === 'b'.repeat(text.length)).toBe(true);
    }
  });
});
