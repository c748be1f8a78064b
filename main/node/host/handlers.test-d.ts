// Type-level test (checked by `npm run typecheck`, and by `vitest --typecheck`): every channel
// of the contract has exactly one handler, with the contract's argument and result types.
import { expectTypeOf, test } from 'vitest';
import type { Channel, ChannelResult, HostResult, ParsedArgs } from '../../../app/protocol';
import type { createHandlers } from './handlers';

type Made = ReturnType<typeof createHandlers>;

test('every channel is handled', () => {
  expectTypeOf<keyof Made>().toEqualTypeOf<Channel>();
});

test('handlers take the parsed arguments and answer with the contract result', () => {
  expectTypeOf<Parameters<Made['project.open']>[0]>().toEqualTypeOf<ParsedArgs<'project.open'>>();
  expectTypeOf<Awaited<ReturnType<Made['templates.build']>>>().toEqualTypeOf<
    HostResult<ChannelResult<'templates.build'>>
  >();
});
