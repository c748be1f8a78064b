import { describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/types';
import { buildTemplate } from '../../templates';
import { lintGraph } from '../lint';
import { chain } from '../test-util';
import { classesRule, inputRule } from './dataset-fit';

const lint = (g: Graph) => lintGraph(g, { rules: [inputRule, classesRule] }).findings;

function template(name: string, dataset?: Record<string, unknown>): Graph {
  const t = buildTemplate(name);
  if (!t.ok) throw new Error(t.error);
  return dataset ? { ...t.value, dataset } : t.value;
}

describe('the network against the dataset', () => {
  it('a torchvision template for CIFAR-10: the Input and the 1,000 ImageNet classes, each with its fix', () => {
    const f = lint(template('resnet18', { name: 'cifar10' }));
    expect(f.map((x) => x.rule)).toEqual(['input-vs-dataset', 'classifier-vs-classes']);
    expect(f[0].message).toMatch(
      /takes \[3, 224, 224\] but cifar10 gives samples of \[3, 32, 32\].*set its shape to \[3, 32, 32\]\.$/,
    );
    expect(f[0].fixes.map((x) => x.label)).toEqual(['Input shape [3, 32, 32]']);
    expect(f[1].message).toMatch(
      /gives 1000 logits but cifar10 has 10 classes, so 990 logits never match a label.*set out_features to 10\.$/,
    );
  });

  it('quiet where the project names no dataset (a template opened to look at) or one known only when loaded', () => {
    expect(lint(template('resnet18'))).toEqual([]);
    expect(lint(template('resnet18', { name: 'folder', path: 'x' }))).toEqual([]);
    expect(lint(template('lenet5'))).toEqual([]); // LeNet-5 names Fashion-MNIST and fits it
  });

  it('fewer logits than classes: training would stop', () => {
    const f = lint(chain([1, 28, 28], [['Flatten'], ['Linear', { out_features: 5 }]], {}, { name: 'mnist' }));
    expect(f[0].message).toMatch(/gives 5 logits but mnist has 10 classes, so 5 of the classes have no logit/);
  });

  it('a flat Input of the right size is told to take the image and flatten it', () => {
    const f = lint(chain([784], [['Linear', { out_features: 10 }]], {}, { name: 'mnist' }));
    expect(f[0].message).toMatch(
      /set its shape to \[1, 28, 28\] and add a Flatten before the first Linear \(784 features\)/,
    );
  });

  it('no fix is offered where the layers after the Input cannot take the new shape', () => {
    // 1x28x28 into VGG-16: five 2x2 poolings leave no pixel
    const f = lint(template('vgg16', { name: 'mnist' }));
    const input = f.find((x) => x.rule === 'input-vs-dataset');
    expect(input?.fixes).toEqual([]);
    expect(input?.message).toMatch(/do not take that shape as they are: change them too/);
  });
});
