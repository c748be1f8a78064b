import { editorStore } from '../store';
import type { ArgsOf, ArgsParam, Command, CommandId } from './types';
import {
  fitView,
  layout,
  searchPalette,
  showShortcuts,
  toggleDirection,
  toggleTheme,
  zoomIn,
  zoomOut,
  zoomReset,
} from './view';
import { EDIT_COMMANDS } from './edit';
import { LAYER_COMMANDS } from './layer';
import { addBlock } from './block';
import { MODULE_COMMANDS } from './module';
import { FILE_COMMANDS } from './file';
import { TRAINING_COMMANDS } from '../panels/training/commands';
import { EXPORT_COMMANDS } from '../panels/export/commands';

/** Every command, in an explicit list (no registration by side effect). */
export const COMMANDS: readonly Command[] = [
  ...FILE_COMMANDS,
  ...EXPORT_COMMANDS,
  ...EDIT_COMMANDS,
  ...LAYER_COMMANDS,
  addBlock,
  ...MODULE_COMMANDS,
  ...TRAINING_COMMANDS,
  fitView,
  zoomIn,
  zoomOut,
  zoomReset,
  layout,
  toggleDirection,
  toggleTheme,
  searchPalette,
  showShortcuts,
];

const byId = new Map<CommandId, Command>(COMMANDS.map((c) => [c.id, c]));

export function getCommand(id: string): Command | undefined {
  return byId.get(id as CommandId);
}

/**
 * Run a command by id: toolbar buttons, shortcuts, tests, and the Electron menu (forwarded by
 * renderer/host) all come through here. Unknown ids and disabled commands do nothing.
 */
export function runCommand<Id extends CommandId>(id: Id, ...[args]: ArgsParam<Id>): void | Promise<void> {
  const c = byId.get(id) as Command<Id> | undefined;
  if (!c || (c.enabled && !c.enabled(editorStore))) return;
  return c.run(editorStore, (args ?? {}) as ArgsOf<Id>);
}
