/**
 * The network against the project's built-in dataset, before any data is loaded: the Input must
 * take the dataset's samples (the engine refuses to train otherwise), and the classifier should
 * give one logit per class (a torchvision template keeps ImageNet's 1,000). Only for a dataset the
 * project names and whose samples are known without reading it (MNIST, Fashion-MNIST, CIFAR-10,
 * the synthetic set); image folders and CSV files are checked when they load.
 */
import { CIFAR10_CLASSES, FASHION_MNIST_CLASSES, MNIST_CLASSES, SYNTHETIC_CLASSES } from '../../data/classes';
import { applyDoctorFix } from '../fix';
import { analyzeGraph } from '../../shapes/analyze';
import { typeOf, who } from '../context';
import type { DoctorFix, LintContext, LintRule } from '../types';

const KNOWN: Record<string, { shape: number[]; classes: number }> = {
  mnist: { shape: [1, 28, 28], classes: MNIST_CLASSES.length },
  'fashion-mnist': { shape: [1, 28, 28], classes: FASHION_MNIST_CLASSES.length },
  cifar10: { shape: [3, 32, 32], classes: CIFAR10_CLASSES.length },
  synthetic: { shape: [1, 28, 28], classes: SYNTHETIC_CLASSES.length },
};

/** The named built-in dataset's samples and classes, or null (none named, or not known before loading). */
function known(ctx: LintContext): { name: string; shape: number[]; classes: number } | null {
  const named = (ctx.graph.dataset as { name?: unknown } | undefined)?.name;
  if (typeof named !== 'string' || !(named in KNOWN)) return null;
  return { name: named, ...KNOWN[named] };
}

/** `fix` when the graph it makes is valid (the layers after the Input take the new shape). */
function validFix(ctx: LintContext, fix: DoctorFix): DoctorFix[] {
  const r = applyDoctorFix(ctx.graph, fix);
  return r.ok && analyzeGraph(r.value).errors.length === 0 ? [fix] : [];
}

export const inputRule: LintRule = {
  id: 'input-vs-dataset',
  severity: 'error',
  title: "The Input does not take the dataset's samples",
  test(ctx) {
    const d = known(ctx);
    const inputs = ctx.graph.nodes.filter((n) => n.type === 'Input');
    if (!d || inputs.length !== 1) return [];
    const input = inputs[0];
    const shape = input.params.shape;
    if (!Array.isArray(shape)) return [];
    if (shape.length === d.shape.length && shape.every((v, i) => v === d.shape[i])) return [];
    const fixes = validFix(ctx, {
      kind: 'setParam',
      nodeId: input.id,
      param: 'shape',
      value: d.shape.slice(),
      label: `Input shape [${d.shape.join(', ')}]`,
    });
    const fmt = (v: readonly unknown[]) => `[${v.join(', ')}]`;
    const count = d.shape.reduce((a, b) => a * b, 1);
    const flat =
      shape.length === 1 && shape[0] === count ? ` and add a Flatten before the first Linear (${count} features)` : '';
    const after = fixes.length ? '' : ' (the layers after it do not take that shape as they are: change them too)';
    return [
      {
        message: `${who(ctx, input.id)} takes ${fmt(shape)} but ${d.name} gives samples of ${fmt(d.shape)}, so training stops before its first step: set its shape to ${fmt(d.shape)}${flat}${after}.`,
        nodeIds: [input.id],
        fixes,
      },
    ];
  },
};

export const classesRule: LintRule = {
  id: 'classifier-vs-classes',
  severity: 'warning',
  title: "The classifier's outputs are not the dataset's classes",
  test(ctx) {
    const d = known(ctx);
    const h = ctx.head;
    if (!d || h === null || typeOf(ctx, h) !== 'Linear') return [];
    const node = ctx.byId.get(h);
    const k = node?.params.out_features;
    if (typeof k !== 'number' || k === d.classes || (k === 1 && d.classes === 2)) return [];
    const why =
      k < d.classes
        ? `so ${d.classes - k} of the classes have no logit and training stops before its first step`
        : `so ${k - d.classes} logits never match a label: they only take probability away (PyTorch trains it; torchvision's num_classes=${d.classes} would not have them)`;
    return [
      {
        message: `${who(ctx, h)} gives ${k} logits but ${d.name} has ${d.classes} classes, ${why}: set out_features to ${d.classes}.`,
        nodeIds: [h],
        fixes: validFix(ctx, {
          kind: 'setParam',
          nodeId: h,
          param: 'out_features',
          value: d.classes,
          label: `out_features ${d.classes}`,
        }),
      },
    ];
  },
};
