import { describe, expect, it } from 'vitest';
import { CHANNELS, CHANNEL_NAMES, EVENTS, checkArgs, checkEvent, checkResult, isChannel } from './index';

describe('the host contract', () => {
  it('names every channel group.verb and every event likewise', () => {
    for (const name of [...CHANNEL_NAMES, ...Object.keys(EVENTS)]) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    expect(CHANNEL_NAMES).toEqual(
      expect.arrayContaining([
        'app.info',
        'project.open',
        'project.save',
        'project.saveAs',
        'project.recent',
        'autosave.write',
        'autosave.list',
        'autosave.restore',
        'autosave.discard',
        'templates.list',
        'templates.build',
        'dialog.openFile',
        'dialog.saveFile',
      ]),
    );
  });

  it('refuses unknown channels, including names inherited from Object.prototype', () => {
    expect(isChannel('toString')).toBe(false);
    expect(isChannel('__proto__')).toBe(false);
    const r = checkArgs('fs.readFile', { path: '/etc/passwd' });
    expect(r).toEqual({ ok: false, error: { code: 'bad-request', message: "unknown channel 'fs.readFile'" } });
  });

  it('rejects bad arguments with a message naming the field', () => {
    const cases: [string, unknown][] = [
      ['project.open', {}],
      ['project.open', { path: 42 }],
      ['project.open', { path: '' }],
      ['project.open', { path: 'a\0b' }],
      ['project.open', { path: '/x', extra: true }],
      ['project.save', { path: '/x.json' }],
      ['project.save', { path: '/x.json', text: 'x'.repeat(64 * 1024 * 1024 + 1) }],
      ['autosave.write', { projectKey: '', text: '{}' }],
      ['templates.build', { name: 'x'.repeat(101) }],
      ['dialog.openFile', { filters: [{ name: 'x', extensions: ['../etc'] }] }],
      ['app.info', { anything: 1 }],
    ];
    for (const [channel, args] of cases) {
      const r = checkArgs(channel, args);
      expect(r.ok, `${channel} ${JSON.stringify(args).slice(0, 80)}`).toBe(false);
      if (!r.ok) expect(r.error.message).toContain(channel);
    }
  });

  it('accepts good arguments', () => {
    expect(checkArgs('project.save', { path: '/tmp/a.json', text: '{}' }).ok).toBe(true);
    expect(checkArgs('app.info', undefined).ok).toBe(true);
    expect(
      checkArgs('dialog.saveFile', { suggestedName: 'net.json', filters: [{ name: 'Project', extensions: ['json'] }] })
        .ok,
    ).toBe(true);
  });

  it('checks results and events against their schemas', () => {
    expect(
      checkResult('project.recent', { ok: true, value: [{ path: '/a.json', name: 'a.json', openedAt: 'now' }] }).ok,
    ).toBe(true);
    expect(checkResult('project.recent', { ok: true, value: [{ path: 3 }] }).ok).toBe(false);
    expect(checkResult('project.recent', { ok: false, error: { code: 'denied', message: 'no' } })).toEqual({
      ok: false,
      error: { code: 'denied', message: 'no' },
    });
    expect(checkResult('project.recent', 'garbage').ok).toBe(false);
    expect(checkEvent('app.command', { command: 'edit.undo' }).ok).toBe(true);
    expect(checkEvent('app.command', { command: 'shell.exec' }).ok).toBe(false);
    expect(checkEvent('nope', {}).ok).toBe(false);
  });

  it('has a summary for every channel', () => {
    for (const [name, spec] of Object.entries(CHANNELS)) expect(spec.summary.length, name).toBeGreaterThan(10);
  });
});
