import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, MIGRATIONS, migrateDocument, oldestReadable, type Migration } from './migrate';
import { parseProject } from './schema';
import { smallLeNet } from './test-graphs';

// Test-only migrations: the framework is exercised without inventing real old versions.
const renameKinds: Migration = {
  from: 1,
  to: 2,
  description: 'test: nodes[].type -> nodes[].kind',
  migrate: (doc) => ({
    ...doc,
    nodes: (doc.nodes as { type: string }[]).map(({ type, ...n }) => ({ ...n, kind: type })),
  }),
};
const addTag: Migration = { from: 2, to: 3, description: 'test: add tag', migrate: (doc) => ({ ...doc, tag: 'v3' }) };

describe('migrateDocument', () => {
  it('version 1 is current and needs no migration', () => {
    expect(CURRENT_VERSION).toBe(1);
    expect(MIGRATIONS).toEqual([]);
    const doc = { format: 'netloom', version: 1, x: 1 };
    expect(migrateDocument(doc)).toEqual({ ok: true, value: doc });
  });
  it('applies the steps in order and sets each version', () => {
    const doc = { format: 'netloom', version: 1, nodes: [{ id: 'a', type: 'Input' }] };
    const r = migrateDocument(doc, { migrations: [addTag, renameKinds], target: 3 });
    expect(r).toEqual({
      ok: true,
      value: { format: 'netloom', version: 3, tag: 'v3', nodes: [{ id: 'a', kind: 'Input' }] },
    });
    expect(doc.nodes[0]).toEqual({ id: 'a', type: 'Input' }); // the input is not mutated
    expect(migrateDocument({ version: 2, nodes: [] }, { migrations: [renameKinds, addTag], target: 3 })).toEqual({
      ok: true,
      value: { version: 3, nodes: [], tag: 'v3' },
    });
    expect(oldestReadable([renameKinds, addTag], 3)).toBe(1);
  });
  it('refuses newer, unknown and malformed versions with the fix', () => {
    expect(migrateDocument({ version: 4 }, { migrations: [renameKinds, addTag], target: 3 })).toEqual({
      ok: false,
      error: 'made by a newer Netloom (format version 4); this version reads up to 3: update Netloom',
    });
    expect(migrateDocument({ version: 0 }, { migrations: [renameKinds], target: 2 })).toEqual({
      ok: false,
      error:
        'unknown format version 0; this version reads 1 to 2: set "version": 2 if the file was written for format 2',
    });
    expect(migrateDocument({ version: 1.5 }).ok).toBe(false);
    expect(migrateDocument({})).toEqual({
      ok: false,
      error: expect.stringMatching(/version: expected a whole number such as 1, got nothing/),
    });
  });
  it('a gap in the chain is an error, not a loop', () => {
    expect(migrateDocument({ version: 1 }, { migrations: [addTag], target: 3 }).ok).toBe(false);
    const backwards: Migration = { from: 1, to: 1, description: 'bad', migrate: (d) => d };
    expect(migrateDocument({ version: 1 }, { migrations: [backwards], target: 2 }).ok).toBe(false);
  });
  it('a migration that throws becomes an error naming the step', () => {
    const broken: Migration = {
      from: 1,
      to: 2,
      description: 'broken',
      migrate: () => {
        throw new Error('no nodes\nstack');
      },
    };
    expect(migrateDocument({ version: 1 }, { migrations: [broken], target: 2 })).toEqual({
      ok: false,
      error: 'migration from format version 1 to 2 failed (no nodes): report this as a Netloom bug, attaching the file',
    });
  });
  it('parseProject runs migrations before validation', () => {
    // A test-only "version 0" whose nodes were called "layers".
    const fromZero: Migration = {
      from: 0,
      to: 1,
      description: 'test: layers -> nodes',
      migrate: ({ layers, ...d }) => ({ ...d, nodes: layers }),
    };
    const { nodes, ...rest } = smallLeNet();
    const old = { ...rest, version: 0, layers: nodes };
    expect(parseProject(old, 'old.netloom.json', { migrations: [fromZero] })).toEqual({
      ok: true,
      value: smallLeNet(),
    });
    expect(parseProject(old, 'old.netloom.json').ok).toBe(false);
  });
});
