import { describe, expect, it } from 'vitest';
import { keyString } from './keyboard';
import { COMMANDS } from './registry';

const ev = (
  key: string,
  mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean }> = {},
) => ({ key, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('shortcuts', () => {
  it('turns key events into the Mod+Shift+Z form', () => {
    expect(keyString(ev('z', { ctrlKey: true }))).toBe('Mod+Z');
    expect(keyString(ev('Z', { ctrlKey: true, shiftKey: true }))).toBe('Mod+Shift+Z');
    expect(keyString(ev('/'))).toBe('/');
    expect(keyString(ev('Delete'))).toBe('Delete');
    expect(keyString(ev('f'))).toBe('F');
  });

  it('gives every shortcut of the house to exactly one command', () => {
    const keys = COMMANDS.flatMap((c) => (c.keys ?? []).map((k) => [k.toUpperCase(), c.id] as const));
    const seen = new Map<string, string>();
    for (const [k, id] of keys) {
      expect(seen.get(k), `${k} is bound twice`).toBeUndefined();
      seen.set(k, id);
    }
    for (const k of [
      'Mod+Z',
      'Mod+Shift+Z',
      'Mod+Y',
      'Mod+C',
      'Mod+X',
      'Mod+V',
      'Mod+D',
      'Delete',
      'Mod+A',
      'Mod+S',
      'Mod+O',
      'Mod+G',
      'F',
      '/',
    ]) {
      expect(seen.has(k.toUpperCase()), k).toBe(true);
    }
  });
});
