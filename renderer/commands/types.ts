/**
 * The typed command map: every command's id and the arguments it takes, so a caller cannot pass a
 * wrong payload (`runCommand('layer.rename', { id, name })` is checked against CommandArgsMap).
 * Arguments come from the renderer's own code only; the one outside caller, the Electron menu, is
 * validated at the IPC boundary (app/protocol/events.ts, `app.command`) and mapped to a command id
 * in renderer/hostBridge.ts.
 */
import type { Connection } from '@xyflow/react';
import type { ModuleKind, Position } from '../../app/graph/types';
import type { Fix } from '../../app/shapes/types';
import type { EditorStore } from '../store';

/** The commands that take no arguments. */
export const PLAIN_COMMAND_IDS = [
  'edit.undo',
  'edit.redo',
  'edit.delete',
  'edit.copy',
  'edit.cut',
  'edit.paste',
  'edit.duplicate',
  'edit.selectAll',
  'edit.deselect',
  'file.new',
  'file.saveAs',
  'file.save',
  'file.export',
  'file.pasteCode',
  'module.group',
  'module.ungroup',
  'module.expandAll',
  'module.collapseAll',
  'view.fit',
  'view.direction',
  'view.theme',
  'view.zoomIn',
  'view.zoomOut',
  'view.zoomReset',
  'palette.search',
  'help.shortcuts',
  'train.start',
  'train.pause',
  'train.resume',
  'train.stop',
] as const;
export type PlainCommandId = (typeof PLAIN_COMMAND_IDS)[number];

/** The commands that take arguments, and their arguments. */
export interface CommandArgsMap {
  /** A built-in template by name (app/templates). */
  'file.template': { name: string };
  /** Open a project: this path, or the one the open dialog returns. */
  'file.open': { path?: string };
  /** Import a model file: this path, or the one the open dialog returns. */
  'file.import': { path?: string };
  /** Add a ready-made block from the palette (app/templates/blocks) by name, after the selection. */
  'block.add': { name: string };
  /** Add a layer of a kind: at `position`, or beside the selection. */
  'layer.add': { type: string; position?: Position };
  /** Insert a layer into an edge (dropped onto it). */
  'layer.insertOnEdge': { type: string; edgeId: string; position?: Position };
  'edge.connect': { connection: Connection };
  /** `merge`: successive edits with the same key are one undo step (typing in a field). */
  'layer.setParams': { id: string; params: Record<string, unknown>; merge?: string };
  'layer.rename': { id: string; name: string };
  'fix.apply': { fix: Fix };
  'module.groupAs': { kind: ModuleKind; name: string; className?: string };
  /** Collapse or expand this container, or the selected ones. */
  'module.toggle': { moduleId?: string };
  'module.rename': { moduleId: string; name: string };
  /** Lay out in this direction, or the current one. */
  'view.layout': { direction?: 'RIGHT' | 'DOWN' };
}
export const ARG_COMMAND_IDS = [
  'file.template',
  'file.open',
  'file.import',
  'block.add',
  'layer.add',
  'layer.insertOnEdge',
  'edge.connect',
  'layer.setParams',
  'layer.rename',
  'fix.apply',
  'module.groupAs',
  'module.toggle',
  'module.rename',
  'view.layout',
] as const satisfies readonly (keyof CommandArgsMap)[];
// Every key of CommandArgsMap is in ARG_COMMAND_IDS (the registry test checks each has a command).
const everyArgCommand: Exclude<keyof CommandArgsMap, (typeof ARG_COMMAND_IDS)[number]> extends never ? true : never =
  true;
void everyArgCommand;

export type CommandId = PlainCommandId | keyof CommandArgsMap;

/** A command's arguments: its CommandArgsMap entry, or none. */
export type ArgsOf<Id extends CommandId> = Id extends keyof CommandArgsMap ? CommandArgsMap[Id] : Record<string, never>;

/** runCommand's argument list: none for a plain command, optional where every argument is. */
export type ArgsParam<Id extends CommandId> =
  Record<string, never> extends ArgsOf<Id> ? [args?: ArgsOf<Id>] : [args: ArgsOf<Id>];

/** One user action: the same from the toolbar, a shortcut, the Electron menu and tests. */
export interface Command<Id extends CommandId = CommandId> {
  id: Id;
  label: string;
  /** Shortcuts in `Mod+Shift+Z` form (Mod = Ctrl, or Cmd on macOS); the first is shown in tooltips. */
  keys?: string[];
  /** Whether the command can run now (buttons grey out; shortcuts do nothing). */
  enabled?(store: EditorStore): boolean;
  run(store: EditorStore, args: ArgsOf<Id>): void | Promise<void>;
}
