/**
 * The template list: an explicit array (no registration by side effect). `buildTemplate(name)`
 * returns a fresh Graph or an error naming the known templates.
 */
import type { Graph } from '../graph/types';
import { err, ok, type Result } from '../result';
import { buildAlexNet } from './alexnet';
import { buildDenseNet121 } from './densenet';
import { buildEfficientNetB0 } from './efficientnet';
import { buildGoogLeNet } from './googlenet';
import { buildLeNet5 } from './lenet';
import { buildMlp } from './mlp';
import { buildMobileNetV2 } from './mobilenet';
import { buildResNet } from './resnet';
import type { Template } from './types';
import { buildVgg, type VggDepth } from './vgg';

export type { Template } from './types';

const vgg = (depth: VggDepth, bn: boolean): Template => ({
  name: `vgg${depth}${bn ? '_bn' : ''}`,
  description: `VGG-${depth}${bn ? ' with BatchNorm' : ''} (torchvision vgg${depth}${bn ? '_bn' : ''}), 3x224x224, 1000 classes`,
  build: () => buildVgg(depth, bn),
});

export const TEMPLATES: readonly Template[] = [
  { name: 'lenet5', description: 'LeNet-5 for 1x28x28 images (MNIST, Fashion-MNIST), 10 classes', build: buildLeNet5 },
  { name: 'mlp', description: "The course's MLP 784-200-200-10 with LeakyReLU, 1x28x28 input", build: buildMlp },
  { name: 'alexnet', description: 'AlexNet (torchvision alexnet), 3x224x224, 1000 classes', build: buildAlexNet },
  vgg(11, false),
  vgg(13, false),
  vgg(16, false),
  vgg(19, false),
  vgg(11, true),
  vgg(13, true),
  vgg(16, true),
  vgg(19, true),
  {
    name: 'googlenet',
    description: 'GoogLeNet / Inception v1 (torchvision googlenet, no aux heads), 3x224x224',
    build: buildGoogLeNet,
  },
  {
    name: 'resnet18',
    description: 'ResNet-18 (torchvision resnet18), 3x224x224, 1000 classes',
    build: () => buildResNet(18),
  },
  {
    name: 'resnet34',
    description: 'ResNet-34 (torchvision resnet34), 3x224x224, 1000 classes',
    build: () => buildResNet(34),
  },
  {
    name: 'resnet50',
    description: 'ResNet-50 (torchvision resnet50), 3x224x224, 1000 classes',
    build: () => buildResNet(50),
  },
  {
    name: 'mobilenet_v2',
    description: 'MobileNetV2 (torchvision mobilenet_v2), 3x224x224, 1000 classes',
    build: buildMobileNetV2,
  },
  {
    name: 'efficientnet_b0',
    description: 'EfficientNet-B0 (torchvision efficientnet_b0), 3x224x224, 1000 classes',
    build: buildEfficientNetB0,
  },
  {
    name: 'densenet121',
    description: 'DenseNet-121 (torchvision densenet121), 3x224x224, 1000 classes',
    build: buildDenseNet121,
  },
];

export const TEMPLATE_NAMES: readonly string[] = TEMPLATES.map((t) => t.name);

export function findTemplate(name: string): Template | undefined {
  return TEMPLATES.find((t) => t.name === name);
}

export function buildTemplate(name: string): Result<Graph> {
  const t = findTemplate(name);
  if (!t) return err(`unknown template '${name}'; known templates: ${TEMPLATE_NAMES.join(', ')}`);
  return ok(t.build());
}
