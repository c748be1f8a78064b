import type { Graph } from '../graph/types';

/** One network template: `netloom new --template NAME` and the editor's template gallery. */
export interface Template {
  /** CLI name (`lenet5`, `resnet18`, `vgg16_bn`). */
  name: string;
  /** One line for lists. */
  description: string;
  /** A fresh Graph each call (callers may edit it). */
  build(): Graph;
}
