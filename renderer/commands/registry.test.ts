import { describe, expect, it } from 'vitest';
import { COMMANDS } from './registry';
import { ARG_COMMAND_IDS, PLAIN_COMMAND_IDS } from './types';

describe('the typed command map', () => {
  it('has exactly one command for each id of the map, and no command outside it', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...PLAIN_COMMAND_IDS, ...ARG_COMMAND_IDS].sort());
  });
});
