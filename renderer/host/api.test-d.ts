// Type-level test (checked by `npm run typecheck`): the UI's HostApi is typed from the contract.
import { expectTypeOf, test } from 'vitest';
import type { ChannelResult, HostResult, MenuCommand } from '../../app/protocol';
import type { HostApi } from './api';

declare const host: HostApi;

test('invoke takes the channel arguments and answers with the channel result', () => {
  expectTypeOf(host.invoke('project.open', { path: '/a.json' })).toEqualTypeOf<
    Promise<HostResult<ChannelResult<'project.open'>>>
  >();
  expectTypeOf(host.invoke('app.info')).toEqualTypeOf<Promise<HostResult<ChannelResult<'app.info'>>>>();
  // @ts-expect-error project.open needs its path
  void host.invoke('project.open');
  // @ts-expect-error a channel that is not in the contract
  void host.invoke('fs.readFile', { path: '/etc/passwd' });
  // @ts-expect-error text must be a string
  void host.invoke('project.save', { path: '/a.json', text: 1 });
});

test('on gives the event payload type', () => {
  host.on('app.command', (payload) => expectTypeOf(payload.command).toEqualTypeOf<MenuCommand>());
});
