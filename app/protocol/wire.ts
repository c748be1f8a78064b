/**
 * The messages of the WebSocket transport, and the result every invoke answers with.
 * Errors a person can cause travel as values, never as exceptions.
 */
import { z } from 'zod';
import type { Result } from '../result';

export interface HostError {
  /** `bad-request` (failed validation), `denied` (path or permission), `not-found`, `failed`, `unavailable`. */
  code: 'bad-request' | 'denied' | 'not-found' | 'failed' | 'unavailable';
  /** One line for the person, naming the file or setting and the fix. */
  message: string;
}
export type HostResult<T> = Result<T, HostError>;

export const HostErrorSchema = z.object({
  code: z.enum(['bad-request', 'denied', 'not-found', 'failed', 'unavailable']),
  message: z.string(),
});

export const WireResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: HostErrorSchema }),
]);

export const InvokeMessage = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  args: z.unknown(),
});

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int().nonnegative(), result: WireResult }),
  z.object({ type: z.literal('event'), event: z.string().max(100), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Describes a zod failure in one line: `path.to.field: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`)
    .join('; ');
}
