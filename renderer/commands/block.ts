import { insertBlock } from '../../app/templates/blocks';
import { analyze } from '../store/analysis';
import { containerView, moduleNodeId } from '../canvas/containers';
import { defaultPosition, reveal } from './layer';
import type { Command } from './types';

/**
 * Inserts a ready-made block from the palette (SqueezeExcitation, InvertedResidual): after the one
 * selected layer, sized to its output channels and wired from it, else unconnected at the centre of
 * the view with its default channels. One undo step; the new container is selected.
 */
export const addBlock: Command<'block.add'> = {
  id: 'block.add',
  label: 'Add block',
  run(store, args) {
    const name = args.name;
    const s = store.getState();
    const view = containerView(s.graph);
    const near =
      s.selection.size === 1
        ? s.graph.nodes.find((n) => s.selection.has(n.id) && view.owner.get(n.id) === n.id)
        : undefined;
    const shape = near ? analyze(s.graph).nodes.get(near.id)?.shape : undefined;
    const channels = shape && shape.length === 3 ? shape[0] : undefined;
    const at = defaultPosition(store);
    let moduleId = '';
    let first = '';
    const done = s.edit(`Add ${name}`, (g) => {
      const r = insertBlock(g, name, at, { after: channels !== undefined ? near?.id : undefined, channels });
      if (!r.ok) return r;
      moduleId = r.value.moduleId;
      first = r.value.nodeIds[0];
      return r.value.graph;
    });
    if (done && moduleId) {
      store.getState().select([moduleNodeId(moduleId)]);
      if (near && channels === undefined)
        store
          .getState()
          .notify(`${name} takes a [C, H, W] input; ${near.id} does not give one, so the block is not connected`, true);
      reveal(first);
    }
  },
};
