/** A small typed listener registry shared by both transports. */
import { checkEvent, type EventName, type EventPayload } from '../../app/protocol';

export class Listeners {
  private readonly map = new Map<string, Set<(payload: unknown) => void>>();

  add<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.map.get(event) ?? new Set();
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    this.map.set(event, set);
    return () => void set.delete(wrapped);
  }

  /** Validates the payload against the contract; an event that does not match is dropped with a console warning. */
  deliver(event: string, raw: unknown): void {
    const checked = checkEvent(event, raw);
    if (!checked.ok) {
      console.warn(`netloom: dropped host event (${checked.error.message})`);
      return;
    }
    for (const listener of this.map.get(event) ?? []) {
      try {
        listener(checked.value);
      } catch (e) {
        console.error(`netloom: a listener of ${event} failed`, e);
      }
    }
  }
}
