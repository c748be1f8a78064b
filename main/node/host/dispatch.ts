/**
 * The one entry point of both transports: checks the channel against the allow-list and the
 * arguments against the contract, runs the handler, checks its answer (the only check an answer
 * gets: the preload and the web transport pass it on with its type), and turns an unexpected
 * exception into an error value (the host never crashes on a request).
 */
import { checkArgs, checkResult, type HostResult } from '../../../app/protocol';
import { err } from '../../../app/result';
import type { Handler, Handlers, HostContext } from './types';

export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawArgs: unknown,
  ctx: HostContext,
): Promise<HostResult<unknown>> {
  const args = checkArgs(channel, rawArgs);
  if (!args.ok) return args;
  const name = channel as keyof Handlers;
  const handler = handlers[name] as Handler<typeof name>;
  try {
    const result = await handler(args.value as never, ctx);
    if (!result.ok) return result;
    return checkResult(name, result);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return err({ code: 'failed', message: `${channel}: ${message.split('\n')[0]}` });
  }
}
