/**
 * dispatch is where an answer is checked against the contract, once, for both hosts: the
 * preload and the web transport pass it on with its type.
 */
import { describe, expect, it } from 'vitest';
import { ok } from '../../../app/result';
import { dispatch } from './dispatch';
import type { Handlers, HostContext } from './types';

const ctx = {} as HostContext;
/** Handlers that answer outside the contract, as a handler with a bad cast would. */
const lying = {
  'project.recent': async () => ok([{ path: 7 }]),
  'project.open': async () => ok({ path: '/a.json', name: 'a.json', text: '{}', extra: 'dropped' }),
} as unknown as Handlers;

describe('dispatch', () => {
  it('refuses an answer that breaks the contract, naming the channel', async () => {
    const r = await dispatch(lying, 'project.recent', {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'failed' } });
    if (!r.ok) expect(r.error.message).toMatch(/^project\.recent: unexpected answer/);
  });

  it('sends only what the contract names', async () => {
    const r = await dispatch(lying, 'project.open', { path: '/a.json' }, ctx);
    expect(r).toEqual({ ok: true, value: { path: '/a.json', name: 'a.json', text: '{}' } });
  });
});
