/**
 * Ready-made blocks the palette inserts into a project: torchvision's SqueezeExcitation and
 * MobileNetV2's InvertedResidual, each a container with torchvision's child names, sized to the
 * channels of the layer it follows. `blockFragment` builds one as a clipboard fragment whose entry
 * points (the nodes that read the block's input) are listed apart; `insertBlock` pastes it and
 * wires the layer it follows into every entry point, as one edit.
 */
import { paste, type Fragment } from '../graph/ops-clipboard';
import { connect } from '../graph/ops-edges';
import type { IdSource } from '../graph/ids';
import type { Graph, Position } from '../graph/types';
import { err, ok, type Result } from '../result';
import { GraphBuilder } from './builder';
import { invertedResidual, squeezeExcitation } from './mobile-blocks';

export interface Block {
  /** Palette name: the class name print(model) shows. */
  name: string;
  description: string;
  /** Channels of its input when nothing tells them. */
  defaultChannels: number;
  /** Builds it inside `b` for an input `x` of `channels` channels. */
  build(b: GraphBuilder, x: string, channels: number): void;
}

export const BLOCKS: readonly Block[] = [
  {
    name: 'SqueezeExcitation',
    description:
      'torchvision.ops.SqueezeExcitation: avgpool, fc1 (1x1 Conv2d to a quarter of the channels), ReLU, fc2, Sigmoid, then scale * input',
    defaultChannels: 64,
    build: (b, x, c) => void squeezeExcitation(b, x, undefined, 'se', c, Math.max(1, Math.floor(c / 4))),
  },
  {
    name: 'InvertedResidual',
    description:
      "MobileNetV2's InvertedResidual: 1x1 expansion (x6), 3x3 depthwise, 1x1 linear projection (Conv2d, BatchNorm2d, ReLU6), input added back",
    defaultChannels: 32,
    build: (b, x, c) => void invertedResidual(b, x, undefined, 'block', c, c, 1, 6, false),
  },
];

export interface BlockFragment {
  fragment: Fragment;
  /** The fragment's nodes that read the block's input, with the input port they read it on. */
  entries: { node: string; port: number }[];
}

/** The block as a fragment with its top-left at (0, 0), or an error naming the known blocks. */
export function blockFragment(name: string, channels?: number): Result<BlockFragment> {
  const block = BLOCKS.find((x) => x.name === name);
  if (!block) return err(`unknown block '${name}'; known blocks: ${BLOCKS.map((x) => x.name).join(', ')}`);
  const c = channels ?? block.defaultChannels;
  if (!Number.isInteger(c) || c < 1) return err(`${name} needs a positive number of input channels, got ${c}`);
  const b = new GraphBuilder('Block');
  const x = b.input([c, 8, 8]);
  block.build(b, x, c);
  const g = b.build();
  const nodes = g.nodes.filter((n) => n.id !== x);
  const top = Math.min(...nodes.map((n) => n.position.y));
  const left = Math.min(...nodes.map((n) => n.position.x));
  const entries = g.edges.filter((e) => e.source === x).map((e) => ({ node: e.target, port: e.targetPort ?? 0 }));
  return ok({
    fragment: {
      nodes: nodes.map((n) => ({ ...n, position: { x: n.position.x - left, y: n.position.y - top } })),
      edges: g.edges.filter((e) => e.source !== x),
      modules: g.modules,
    },
    entries,
  });
}

/**
 * Pastes block `name` with its top-left at `at` and, when `after` names a node, connects that
 * node's output into every entry point of the block. Returns the new container's id.
 */
export function insertBlock(
  g: Graph,
  name: string,
  at: Position,
  options: { after?: string; channels?: number } = {},
  ids?: IdSource,
): Result<{ graph: Graph; moduleId: string; nodeIds: string[] }> {
  const f = blockFragment(name, options.channels);
  if (!f.ok) return f;
  const p = paste(g, f.value.fragment, at, ids);
  if (!p.ok) return p;
  let graph = p.value.graph;
  const idOf = new Map(f.value.fragment.nodes.map((n, i) => [n.id, p.value.nodeIds[i]]));
  if (options.after !== undefined) {
    for (const e of f.value.entries) {
      const c = connect(graph, options.after, idOf.get(e.node) as string, e.port, ids);
      if (!c.ok) return err(`${name} cannot follow ${options.after}: ${c.error}`);
      graph = c.value.graph;
    }
  }
  return ok({ graph, moduleId: p.value.moduleIds[0], nodeIds: p.value.nodeIds });
}
