/** The one API the UI uses to talk to the host, whichever transport carries it. */
import type { Channel, ChannelArgs, ChannelResult, EventName, EventPayload, HostResult } from '../../app/protocol';

/** Channels whose arguments are all optional may be invoked without them. */
export type InvokeArgs<C extends Channel> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  {} extends ChannelArgs<C> ? [args?: ChannelArgs<C>] : [args: ChannelArgs<C>];

export type ConnectionState = 'open' | 'connecting' | 'closed';

export interface HostApi {
  /** `electron`: the desktop app's preload; `web`: the WebSocket of `netloom serve`. */
  readonly kind: 'electron' | 'web';
  /** Sends a request; errors a person can cause come back as `{ ok: false, error: { code, message } }`, never as a rejection. */
  invoke<C extends Channel>(channel: C, ...args: InvokeArgs<C>): Promise<HostResult<ChannelResult<C>>>;
  /** Listens to a host event; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Connection to the host (the web host can go away; Electron's cannot). */
  readonly connection: ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}
