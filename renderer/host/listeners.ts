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

  /**
   * An event that arrived over the WebSocket (the web host's trust boundary): validated against
   * the contract once, here; one that does not match is dropped with a console warning.
   */
  deliver(event: string, raw: unknown): void {
    const checked = checkEvent(event, raw);
    if (!checked.ok) {
      console.warn(`netloom: dropped host event (${checked.error.message})`);
      return;
    }
    this.notify(event, checked.value);
  }

  /** An event already checked at the boundary (the Electron preload): passed on with its type. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.notify(event, payload);
  }

  private notify(event: string, payload: unknown): void {
    for (const listener of this.map.get(event) ?? []) {
      try {
        listener(payload);
      } catch (e) {
        console.error(`netloom: a listener of ${event} failed`, e);
      }
    }
  }
}
