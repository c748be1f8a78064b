/** Small helpers shared by the rules. */
import { getLayer } from '../../layers/registry';
import { consumers, typeOf, who } from '../context';
import type { DoctorFix, LintContext } from '../types';

export const isActivation = (type: string): boolean => getLayer(type)?.category === 'activation';
export const isBatchNorm = (type: string): boolean => type === 'BatchNorm1d' || type === 'BatchNorm2d';
export const isDropout = (type: string): boolean => getLayer(type)?.category === 'dropout';
/** Layers whose output keeps the input's values up to an affine map: no non-linearity between two Linears. */
export const isLinearPassThrough = (type: string): boolean =>
  type === 'Identity' || type === 'Flatten' || isDropout(type);

/** The one consumer of `id`, or null when it feeds none or several. */
export function onlyConsumer(ctx: LintContext, id: string): string | null {
  const c = consumers(ctx, id);
  return c.length === 1 ? c[0] : null;
}

export function bypassFix(ctx: LintContext, id: string): DoctorFix {
  return { kind: 'bypass', nodeId: id, label: `remove ${who(ctx, id)}` };
}

/** Node ids whose resolved type passes `pred`, in topological order. */
export function nodesOfType(ctx: LintContext, pred: (type: string) => boolean): string[] {
  return ctx.analysis.order.filter((id) => pred(typeOf(ctx, id)));
}
