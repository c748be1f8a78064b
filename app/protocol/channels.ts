/**
 * The host contract: every request the renderer may send, as channel -> zod schema of the
 * arguments and of the result. One map, two transports (Electron IPC through the preload,
 * and the web host's WebSocket). Both sides validate against it.
 *
 * To add a group of channels (training adds `train.*`): write `app/protocol/<group>.ts`
 * exporting a map built with `channel()`, spread it into CHANNELS below, and add the
 * handlers in main/node/host; the type-level test fails until every channel is handled.
 */
import { z } from 'zod';
import {
  Ack,
  AppInfo,
  AutosaveEntry,
  Chosen,
  DirListing,
  DocumentState,
  Empty,
  FilePath,
  OpenDialogOptions,
  OpenedProject,
  ProjectKey,
  ProjectText,
  RecentEntry,
  SaveDialogOptions,
  SavedProject,
  TemplateInfo,
} from './schemas';
import { trainingChannels } from './training';
import { exportChannels } from './export';

export interface ChannelSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A;
  result: R;
  /** One line for docs and error messages. */
  summary: string;
}

export const channel = <A extends z.ZodType, R extends z.ZodType>(
  summary: string,
  args: A,
  result: R,
): ChannelSpec<A, R> => ({ summary, args, result });

export const appChannels = {
  'app.info': channel('version, platform, host kind and the tfjs backends that load here', Empty, AppInfo),
  'window.setDocumentState': channel(
    'the dirty marker and title, used by the prompt before closing',
    DocumentState,
    Ack,
  ),
};

export const projectChannels = {
  'project.open': channel(
    'read a project file chosen by the person (dialog, recent list or workspace)',
    z.object({ path: FilePath }).strict(),
    OpenedProject,
  ),
  'project.save': channel(
    'write a project file atomically to a path the person chose',
    z.object({ path: FilePath, text: ProjectText }).strict(),
    SavedProject,
  ),
  'project.saveAs': channel(
    'ask for a path with the save dialog, then write there; null when cancelled',
    z.object({ text: ProjectText, suggestedName: z.string().max(255).optional() }).strict(),
    SavedProject.nullable(),
  ),
  'project.recent': channel('the recently opened project files, newest first', Empty, z.array(RecentEntry)),
};

export const autosaveChannels = {
  'autosave.write': channel(
    'keep the unsaved state of a document in a recovery file',
    z.object({ projectKey: ProjectKey, text: ProjectText, path: FilePath.optional() }).strict(),
    z.object({ savedAt: z.string() }),
  ),
  'autosave.list': channel('recovery files left by a crash or a close without saving', Empty, z.array(AutosaveEntry)),
  'autosave.restore': channel(
    'the text of a recovery file',
    z.object({ projectKey: ProjectKey }).strict(),
    AutosaveEntry.extend({ text: ProjectText }),
  ),
  'autosave.discard': channel(
    'delete a recovery file (after a save, or when the person declines it)',
    z.object({ projectKey: ProjectKey }).strict(),
    Ack,
  ),
};

export const templateChannels = {
  'templates.list': channel('the network templates of the gallery', Empty, z.array(TemplateInfo)),
  'templates.build': channel(
    'a template as project file text',
    z.object({ name: z.string().min(1).max(100) }).strict(),
    z.object({ name: z.string(), text: ProjectText }),
  ),
};

export const dialogChannels = {
  'dialog.openFile': channel(
    'native open dialog (Electron) or the workspace picker (web host)',
    OpenDialogOptions,
    Chosen,
  ),
  'dialog.saveFile': channel(
    'native save dialog (Electron) or the workspace picker (web host)',
    SaveDialogOptions,
    Chosen,
  ),
  'dialog.answer': channel(
    'web host only: the in-page picker answers a dialog.show event',
    z.object({ id: z.string().max(64), path: FilePath.nullable() }).strict(),
    Ack,
  ),
  'workspace.list': channel(
    'web host only: the entries of a folder inside the served workspace',
    z.object({ dir: z.string().max(4096) }).strict(),
    DirListing,
  ),
};

export const CHANNELS = {
  ...appChannels,
  ...projectChannels,
  ...autosaveChannels,
  ...templateChannels,
  ...dialogChannels,
  ...trainingChannels,
  ...exportChannels,
};

export type Channels = typeof CHANNELS;
export type Channel = keyof Channels;
/** What the caller passes (before defaults are applied). */
export type ChannelArgs<C extends Channel> = z.input<Channels[C]['args']>;
/** What a handler receives (after parsing). */
export type ParsedArgs<C extends Channel> = z.output<Channels[C]['args']>;
export type ChannelResult<C extends Channel> = z.output<Channels[C]['result']>;

export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];
export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(CHANNELS, name);
