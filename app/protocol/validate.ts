/**
 * Validation against the contract, once per boundary: the preload checks a request's arguments
 * before sending (Electron) and the host's dispatch checks them before a handler runs (both
 * hosts); dispatch checks each answer once, before it leaves the host; events are checked on
 * arrival (the preload, or renderer/host for the WebSocket).
 */
import { CHANNELS, isChannel, type Channel, type ChannelResult, type ParsedArgs } from './channels';
import { EVENTS, isEvent, type EventName, type EventPayload } from './events';
import { describeIssues, WireResult, type HostResult } from './wire';
import { err, ok } from '../result';

export function checkArgs<C extends Channel>(channel: C, raw: unknown): HostResult<ParsedArgs<C>>;
export function checkArgs(channel: string, raw: unknown): HostResult<unknown>;
export function checkArgs(channel: string, raw: unknown): HostResult<unknown> {
  if (!isChannel(channel))
    return err({ code: 'bad-request', message: `unknown channel '${String(channel).slice(0, 100)}'` });
  const parsed = CHANNELS[channel].args.safeParse(raw ?? {});
  if (!parsed.success) return err({ code: 'bad-request', message: `${channel}: ${describeIssues(parsed.error)}` });
  return ok(parsed.data);
}

/** Checks a wire result (`{ok, value|error}`) and, when ok, its value against the channel's result schema. */
export function checkResult<C extends Channel>(channel: C, raw: unknown): HostResult<ChannelResult<C>> {
  const wire = WireResult.safeParse(raw);
  if (!wire.success) return err({ code: 'failed', message: `${channel}: malformed answer from the host` });
  if (!wire.data.ok) return wire.data;
  const value = CHANNELS[channel].result.safeParse(wire.data.value);
  if (!value.success)
    return err({ code: 'failed', message: `${channel}: unexpected answer (${describeIssues(value.error)})` });
  return ok(value.data as ChannelResult<C>);
}

export function checkEvent<E extends EventName>(name: E, raw: unknown): HostResult<EventPayload<E>>;
export function checkEvent(name: string, raw: unknown): HostResult<unknown>;
export function checkEvent(name: string, raw: unknown): HostResult<unknown> {
  if (!isEvent(name)) return err({ code: 'bad-request', message: `unknown event '${String(name).slice(0, 100)}'` });
  const parsed = EVENTS[name].safeParse(raw);
  if (!parsed.success) return err({ code: 'bad-request', message: `${name}: ${describeIssues(parsed.error)}` });
  return ok(parsed.data);
}
