/** The recent-files list, kept as JSON in the host's data folder (written atomically). */
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { RecentEntry } from '../../../app/protocol';
import { writeFileAtomic } from './atomic';

export const MAX_RECENT = 12;
type Entry = z.infer<typeof RecentEntry>;

export class RecentFiles {
  constructor(
    private readonly dataDir: string,
    private readonly onChange?: (entries: Entry[]) => void,
  ) {}

  private get file(): string {
    return join(this.dataDir, 'recent.json');
  }

  async list(): Promise<Entry[]> {
    try {
      const parsed = z.array(RecentEntry).safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      return parsed.success ? parsed.data.slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  }

  async add(path: string, now = new Date()): Promise<Entry[]> {
    const entries = (await this.list()).filter((e) => e.path !== path);
    entries.unshift({ path, name: basename(path), openedAt: now.toISOString() });
    const kept = entries.slice(0, MAX_RECENT);
    await mkdir(this.dataDir, { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(kept, null, 2));
    this.onChange?.(kept);
    return kept;
  }
}
