/**
 * Events: host -> renderer, as event name -> zod schema of the payload. Training adds
 * `train.*` events the same way (a map in its own file, spread into EVENTS).
 */
import { z } from 'zod';
import { OpenDialogOptions, SaveDialogOptions } from './schemas';
import { trainingEvents } from './training';
import { exportEvents } from './export';

/** Commands of the application menu, sent to the renderer, which runs the same action as its shortcut. */
export const MENU_COMMANDS = [
  'file.new',
  'file.open',
  'file.openRecent',
  'file.save',
  'file.saveAs',
  'edit.undo',
  'edit.redo',
  'edit.duplicate',
  'edit.selectAll',
  'edit.delete',
  'edit.group',
  'edit.ungroup',
  'view.fit',
  'view.zoomIn',
  'view.zoomOut',
  'view.zoomReset',
  'view.toggleTheme',
  'view.autoLayout',
  'train.start',
  'train.stop',
  'help.shortcuts',
] as const;
export const MenuCommand = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof MenuCommand>;

export const appEvents = {
  /** A menu item was chosen (Electron), `path` for file.openRecent. */
  'app.command': z.object({ command: MenuCommand, path: z.string().optional() }),
  /** Web host: show the in-page workspace picker, answer with `dialog.answer`. */
  'dialog.show': z.discriminatedUnion('kind', [
    z.object({ id: z.string(), kind: z.literal('open'), options: OpenDialogOptions }),
    z.object({ id: z.string(), kind: z.literal('save'), options: SaveDialogOptions }),
  ]),
  /** Something the person should know that is not the answer to a request. */
  'host.notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
};

export const EVENTS = { ...appEvents, ...trainingEvents, ...exportEvents };

export type Events = typeof EVENTS;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const isEvent = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, name);
