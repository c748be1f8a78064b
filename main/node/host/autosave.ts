/**
 * Recovery files: the unsaved state of each open document, one file per project key in
 * `<dataDir>/autosave`, named by a hash of the key (the renderer never names a path here).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AutosaveEntry, ProjectText } from '../../../app/protocol';
import { err, ok } from '../../../app/result';
import type { HostResult } from '../../../app/protocol';
import { writeFileAtomic } from './atomic';

const Stored = AutosaveEntry.omit({ bytes: true }).extend({ text: ProjectText });
type Entry = z.infer<typeof AutosaveEntry>;

export class Autosaves {
  constructor(private readonly dataDir: string) {}

  private get dir(): string {
    return join(this.dataDir, 'autosave');
  }

  fileOf(projectKey: string): string {
    return join(this.dir, `${createHash('sha256').update(projectKey).digest('hex').slice(0, 32)}.json`);
  }

  async write(projectKey: string, text: string, path?: string, now = new Date()): Promise<{ savedAt: string }> {
    await mkdir(this.dir, { recursive: true });
    const savedAt = now.toISOString();
    await writeFileAtomic(this.fileOf(projectKey), JSON.stringify({ projectKey, path, savedAt, text }));
    return { savedAt };
  }

  async list(): Promise<Entry[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries: Entry[] = [];
    for (const name of names.filter((n) => /^[0-9a-f]{32}\.json$/.test(n))) {
      const stored = await this.read(join(this.dir, name));
      if (stored)
        entries.push({
          projectKey: stored.projectKey,
          path: stored.path,
          savedAt: stored.savedAt,
          bytes: Buffer.byteLength(stored.text),
        });
    }
    return entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async restore(projectKey: string): Promise<HostResult<Entry & { text: string }>> {
    const stored = await this.read(this.fileOf(projectKey));
    if (!stored || stored.projectKey !== projectKey)
      return err({ code: 'not-found', message: `no recovery file for ${projectKey}` });
    return ok({ ...stored, bytes: Buffer.byteLength(stored.text) });
  }

  async discard(projectKey: string): Promise<void> {
    await rm(this.fileOf(projectKey), { force: true });
  }

  private async read(file: string): Promise<z.infer<typeof Stored> | null> {
    try {
      const parsed = Stored.safeParse(JSON.parse(await readFile(file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
