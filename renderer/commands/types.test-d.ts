/** Type tests of the command map (checked by `npm run typecheck`, never run): a wrong payload does not compile. */
import { runCommand } from './registry';

export function wrongPayloadsDoNotCompile(): void {
  // @ts-expect-error: layer.rename needs the node id and the name
  void runCommand('layer.rename', { id: 'conv1' });
  // @ts-expect-error: a command that takes arguments cannot be run without them
  void runCommand('fix.apply');
  // @ts-expect-error: plain commands take no arguments
  void runCommand('edit.undo', { path: 'x' });
  // @ts-expect-error: an unknown command id
  void runCommand('edit.undoo');
  // @ts-expect-error: the direction is RIGHT or DOWN
  void runCommand('view.layout', { direction: 'UP' });
  // Right payloads compile: optional arguments may be left out.
  void runCommand('layer.rename', { id: 'conv1', name: 'stem' });
  void runCommand('view.layout');
  void runCommand('file.open', { path: '/tmp/a.netloom.json' });
  void runCommand('edit.undo');
}
