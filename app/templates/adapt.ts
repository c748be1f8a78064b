/**
 * A template made for another dataset, as `torchvision.models.resnet18(num_classes=10)` is: the
 * Input's shape set (a ResNet or VGG takes 3x32x32 as well as 3x224x224, through its adaptive
 * pooling) and the classifier's `out_features` set to the number of classes. The result is checked
 * by shape inference, so a network that cannot take the shape is refused with the reason.
 */
import type { Graph } from '../graph/types';
import { err, ok, type Result } from '../result';
import { analyzeGraph } from '../shapes/analyze';

export interface TemplateFit {
  /** Per-sample input shape, PyTorch order ([C, H, W], or [F]). */
  input?: number[];
  /** Classes: the out_features of the Linear that makes the network's output. */
  classes?: number;
}

export function adaptTemplate(g: Graph, name: string, fit: TemplateFit): Result<Graph> {
  let nodes = g.nodes;
  if (fit.input) {
    const input = fit.input;
    if (!input.length || input.some((d) => !Number.isInteger(d) || d < 1))
      return err(`input shape [${input.join(', ')}]: give positive whole numbers, e.g. 3,32,32`);
    const inputs = nodes.filter((n) => n.type === 'Input');
    if (inputs.length !== 1)
      return err(`${name} has ${inputs.length} Input nodes; set their shapes in the editor instead`);
    nodes = nodes.map((n) => (n.type === 'Input' ? { ...n, params: { ...n.params, shape: input.slice() } } : n));
  }
  if (fit.classes !== undefined) {
    const k = fit.classes;
    if (!Number.isInteger(k) || k < 1) return err(`classes ${k}: give a whole number of classes, 1 or more`);
    const feeding = new Set(g.edges.map((e) => e.source));
    const outputs = nodes.filter((n) => !feeding.has(n.id) && n.type !== 'Input');
    if (outputs.length !== 1)
      return err(`${name} has ${outputs.length} outputs; set the classifier's out_features in the editor instead`);
    const out = outputs[0];
    if (out.type !== 'Linear')
      return err(
        `${name} ends in ${out.type} '${out.name ?? out.id}', not a Linear; set the number of classes in the editor instead`,
      );
    nodes = nodes.map((n) => (n.id === out.id ? { ...n, params: { ...n.params, out_features: k } } : n));
  }
  const adapted: Graph = { ...g, nodes };
  const errors = analyzeGraph(adapted).errors;
  if (errors.length) {
    const shape = fit.input ? ` input [${fit.input.join(', ')}]` : '';
    return err(`${name} does not take${shape || ' these settings'}: ${errors[0].message}`);
  }
  return ok(adapted);
}
