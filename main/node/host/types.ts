/** What handlers are given: services of the host, and the connection a request came from. */
import type { z } from 'zod';
import type {
  Channel,
  ChannelResult,
  DocumentState,
  EventName,
  EventPayload,
  HostResult,
  OpenDialogOptions,
  ParsedArgs,
  SaveDialogOptions,
} from '../../../app/protocol';
import type { Autosaves } from './autosave';
import type { PathPolicy } from './paths';
import type { RecentFiles } from './recent';

/** Native dialogs (Electron) or the in-page workspace picker (web host). Both return a path the person chose, or null. */
export interface Dialogs {
  openFile(options: z.infer<typeof OpenDialogOptions>): Promise<string | null>;
  saveFile(options: z.infer<typeof SaveDialogOptions>): Promise<string | null>;
  /** Web host: the answer of the in-page picker. */
  answer?(id: string, path: string | null): HostResult<{ ok: true }>;
}

/** One window (Electron) or one WebSocket connection (web host). */
export interface HostContext {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  dialogs: Dialogs;
  setDocumentState?(state: z.infer<typeof DocumentState>): void;
}

export interface TemplateSource {
  list(): { name: string; description: string }[];
  build(name: string): HostResult<string>;
}

export interface HostServices {
  kind: 'electron' | 'web';
  version: string;
  paths: PathPolicy;
  recent: RecentFiles;
  autosaves: Autosaves;
  templates: TemplateSource;
}

export type Handler<C extends Channel> = (
  args: ParsedArgs<C>,
  ctx: HostContext,
) => Promise<HostResult<ChannelResult<C>>>;
/** One handler per channel: a channel without one is a type error (see handlers.test-d.ts). */
export type Handlers = { [C in Channel]: Handler<C> };
