/**
 * Networks the compiler tests run both in tfjs and in PyTorch: every layer kind with several
 * parameter sets, LeNet-5, a ResNet basic block and an Inception block.
 */
import type { Graph } from '../../../graph/types';
import { GraphBuilder } from '../../../templates/builder';
import { buildTemplate } from '../../../templates';
import { convKindCases, convNetCases } from './conv-cases';
import { splitCases } from './split-cases';

export interface TorchCase {
  id: string;
  graph: Graph;
  /** Run in train mode (BatchNorm batch statistics and running-stat updates). */
  train?: boolean;
  steps?: number;
  /** Take `steps` SGD steps (CrossEntropyLoss on the single output) before comparing outputs and state. */
  sgd?: { lr: number; momentum: number; weight_decay: number };
}

type P = Record<string, unknown>;

function one(id: string, shape: number[], layers: [string, P][], train = false): TorchCase {
  const b = new GraphBuilder('Net');
  let x = b.input(shape);
  for (const [type, params] of layers) x = b.layer(type, params, x);
  return { id, graph: b.build(), train, steps: train ? 3 : 1 };
}

const img = [3, 9, 11];

export function layerCases(): TorchCase[] {
  const c: TorchCase[] = [];
  const conv: P[] = [
    { out_channels: 4, kernel_size: 3, padding: 1 },
    { out_channels: 5, kernel_size: 3, stride: 2 },
    { out_channels: 4, kernel_size: [3, 1], stride: [2, 1], padding: [1, 0] },
    { out_channels: 4, kernel_size: 3, dilation: 2, padding: 2 },
    { out_channels: 4, kernel_size: 4, padding: 'same', bias: false },
    { out_channels: 6, kernel_size: 3, groups: 3, padding: 1 },
    { out_channels: 3, kernel_size: 3, groups: 3, stride: 2 },
  ];
  conv.forEach((p, i) => c.push(one(`Conv2d#${i}`, img, [['Conv2d', p]])));
  c.push(one('Conv2d#groups2', [4, 8, 8], [['Conv2d', { out_channels: 6, kernel_size: 3, groups: 2 }]]));
  c.push(
    one(
      'Conv2d#groups2+ReLU',
      [4, 8, 8],
      [
        ['Conv2d', { out_channels: 6, kernel_size: 3, groups: 2 }],
        ['ReLU', {}],
      ],
    ),
  );
  c.push(
    one(
      'Conv2d#depthwise+ReLU',
      [4, 8, 8],
      [
        ['Conv2d', { out_channels: 8, kernel_size: 3, groups: 4 }],
        ['ReLU', {}],
      ],
    ),
  );
  const maxp: P[] = [
    { kernel_size: 2 },
    { kernel_size: 3, stride: 2, padding: 1 },
    { kernel_size: 3, stride: 2, ceil_mode: true },
    { kernel_size: 2, stride: 2, padding: 1, ceil_mode: true },
    { kernel_size: 3, stride: 1, dilation: 2, padding: 1 },
  ];
  maxp.forEach((p, i) => c.push(one(`MaxPool2d#${i}`, img, [['MaxPool2d', p]])));
  const avgp: P[] = [
    { kernel_size: 2 },
    { kernel_size: 3, stride: 2, padding: 1 },
    { kernel_size: 3, stride: 2, padding: 1, count_include_pad: false },
    { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true, count_include_pad: false },
    { kernel_size: 2, stride: 2, padding: 1, ceil_mode: true },
    { kernel_size: 3, stride: 2, divisor_override: 4 },
  ];
  avgp.forEach((p, i) => c.push(one(`AvgPool2d#${i}`, img, [['AvgPool2d', p]])));
  [1, [3, 4], [2, null], 5].forEach((o, i) =>
    c.push(one(`AdaptiveAvgPool2d#${i}`, img, [['AdaptiveAvgPool2d', { output_size: o }]])),
  );
  c.push(one('BatchNorm2d#eval', img, [['BatchNorm2d', { eps: 1e-3 }]]));
  c.push(one('BatchNorm2d#train', img, [['BatchNorm2d', { momentum: 0.3 }]], true));
  c.push(one('BatchNorm2d#cumulative', img, [['BatchNorm2d', { momentum: null }]], true));
  c.push(one('BatchNorm1d#eval', [7], [['BatchNorm1d', {}]]));
  c.push(one('BatchNorm1d#train', [7], [['BatchNorm1d', {}]], true));
  c.push(one('BatchNorm1d#CL', [3, 5], [['BatchNorm1d', { affine: false }]], true));
  c.push(one('Dropout#eval', img, [['Dropout', { p: 0.5 }]]));
  c.push(one('Dropout2d#eval', img, [['Dropout2d', { p: 0.5 }]]));
  c.push(one('Linear', [12], [['Linear', { out_features: 5 }]]));
  c.push(one('Linear#nobias', [12], [['Linear', { out_features: 5, bias: false }]]));
  c.push(
    one('Flatten', img, [
      ['Flatten', {}],
      ['Linear', { out_features: 6 }],
    ]),
  );
  c.push(one('Flatten#2', img, [['Flatten', { start_dim: 2 }]]));
  c.push(one('Upsample#nearest2', [2, 4, 5], [['Upsample', { scale_factor: 2 }]]));
  c.push(one('Upsample#nearestSize', [2, 4, 5], [['Upsample', { size: [7, 9] }]]));
  c.push(one('Upsample#bilinear', [2, 4, 5], [['Upsample', { scale_factor: 2, mode: 'bilinear' }]]));
  c.push(
    one(
      'Upsample#bilinearAlign',
      [2, 4, 5],
      [['Upsample', { scale_factor: 2, mode: 'bilinear', align_corners: true }]],
    ),
  );
  c.push(one('Upsample#bilinearSize', [2, 4, 5], [['Upsample', { size: [6, 11], mode: 'bilinear' }]]));
  c.push(one('ZeroPad2d#1', img, [['ZeroPad2d', { padding: 1 }]]));
  c.push(
    one('ZeroPad2d#asym', img, [
      ['ZeroPad2d', { padding: [0, 1, 0, 1] }],
      ['Conv2d', { out_channels: 4, kernel_size: 3, stride: 2 }],
    ]),
  );
  c.push(
    one('ZeroPad2d#lrtb', img, [
      ['ZeroPad2d', { padding: [1, 2, 3, 0] }],
      ['MaxPool2d', { kernel_size: 3, stride: 2 }],
    ]),
  );
  const fpad = new GraphBuilder('Net');
  fpad.layer('ZeroPad2d', { padding: [2, 0, 1, 3] }, fpad.input(img), { functional: true });
  c.push({ id: 'ZeroPad2d#functional', graph: fpad.build(), steps: 1 });
  c.push(one('ReLU', img, [['ReLU', {}]]));
  c.push(one('LeakyReLU', img, [['LeakyReLU', { negative_slope: 0.2 }]]));
  c.push(one('ELU', img, [['ELU', { alpha: 0.7 }]]));
  c.push(one('GELU', img, [['GELU', {}]]));
  c.push(one('GELU#tanh', img, [['GELU', { approximate: 'tanh' }]]));
  c.push(
    one('ReLU6', img, [
      ['Conv2d', { out_channels: 3, kernel_size: 1 }],
      ['ReLU6', {}],
    ]),
  );
  c.push(one('SiLU', img, [['SiLU', {}]]));
  c.push(one('Hardswish', img, [['Hardswish', {}]]));
  c.push(one('Hardsigmoid', img, [['Hardsigmoid', {}]]));
  c.push(one('Mish', img, [['Mish', {}]]));
  c.push(one('Softplus', img, [['Softplus', {}]]));
  c.push(one('Softplus#beta', img, [['Softplus', { beta: 2, threshold: 1.5 }]]));
  c.push(one('PReLU', img, [['PReLU', {}]]));
  c.push(one('PReLU#channels', img, [['PReLU', { num_parameters: 3, init: 0.1 }]]));
  c.push(one('PReLU#features', [7], [['PReLU', { num_parameters: 7 }]]));
  c.push(one('PReLU#CL', [3, 5], [['PReLU', { num_parameters: 3 }]]));
  c.push(one('Sigmoid', img, [['Sigmoid', {}]]));
  c.push(one('Tanh', img, [['Tanh', {}]]));
  c.push(one('Softmax#F', [10], [['Softmax', { dim: 1 }]]));
  c.push(one('Softmax#C', img, [['Softmax', { dim: 1 }]]));
  c.push(one('Softmax#W', img, [['Softmax', { dim: -1 }]]));
  c.push(one('LogSoftmax#F', [10], [['LogSoftmax', { dim: 1 }]]));
  c.push(one('LogSoftmax#H', img, [['LogSoftmax', { dim: 2 }]]));
  c.push(one('LocalResponseNorm#5', [7, 4, 4], [['LocalResponseNorm', { size: 5 }]]));
  c.push(one('LocalResponseNorm#4', [7, 4, 4], [['LocalResponseNorm', { size: 4, alpha: 0.01, beta: 0.5, k: 2 }]]));
  c.push(one('Identity', img, [['Identity', {}]]));
  c.push(one('Mean#HW', img, [['Mean', { dim: [2, 3] }]]));
  c.push(one('Mean#HWkeep', img, [['Mean', { dim: [-2, -1], keepdim: true }]]));
  c.push(one('Mean#C', img, [['Mean', { dim: 1 }]]));
  c.push(one('Mean#W', img, [['Mean', { dim: 3 }]]));
  c.push(one('Mean#CW', img, [['Mean', { dim: [1, 3] }]]));
  c.push(one('Mean#CL', [3, 5], [['Mean', { dim: [2], keepdim: true }]]));
  c.push(...convKindCases(), ...normCases(), ...structureCases());
  return c;
}

/** LayerNorm, GroupNorm and InstanceNorm2d on each layout, in eval and (running stats) train mode. */
function normCases(): TorchCase[] {
  return [
    one('LayerNorm#W', img, [['LayerNorm', { normalized_shape: 11 }]]),
    one('LayerNorm#HW', img, [['LayerNorm', { normalized_shape: [9, 11], eps: 1e-3 }]]),
    one('LayerNorm#CHW', img, [['LayerNorm', { normalized_shape: [3, 9, 11] }]]),
    one('LayerNorm#F', [7], [['LayerNorm', { normalized_shape: 7 }]]),
    one('LayerNorm#LD', [3, 5], [['LayerNorm', { normalized_shape: 5, elementwise_affine: false }]]),
    one('LayerNorm#train', img, [['LayerNorm', { normalized_shape: [3, 9, 11] }]], true),
    one('GroupNorm#CHW', [6, 5, 4], [['GroupNorm', { num_groups: 3 }]]),
    one('GroupNorm#F', [6], [['GroupNorm', { num_groups: 2, eps: 1e-3 }]]),
    one('GroupNorm#CL', [4, 5], [['GroupNorm', { num_groups: 2, affine: false }]]),
    one('GroupNorm#train', [6, 5, 4], [['GroupNorm', { num_groups: 2 }]], true),
    one('InstanceNorm2d', img, [['InstanceNorm2d', {}]]),
    one('InstanceNorm2d#affine', img, [['InstanceNorm2d', { affine: true }]]),
    one('InstanceNorm2d#running', img, [['InstanceNorm2d', { affine: true, track_running_stats: true }]]),
    one('InstanceNorm2d#train', img, [['InstanceNorm2d', { track_running_stats: true, momentum: 0.3 }]], true),
  ];
}

/** ChannelShuffle, PixelShuffle, Unflatten and Permute between the layouts (NHWC and PyTorch order). */
function structureCases(): TorchCase[] {
  return [
    one('ChannelShuffle#CHW', [6, 3, 4], [['ChannelShuffle', { groups: 2 }]]),
    one('ChannelShuffle#CL', [6, 5], [['ChannelShuffle', { groups: 3 }]]),
    one('PixelShuffle', [8, 3, 4], [['PixelShuffle', { upscale_factor: 2 }]]),
    one('PixelShuffle#3', [9, 2, 3], [['PixelShuffle', { upscale_factor: 3 }]]),
    one('Unflatten#F->CHW', [24], [['Unflatten', { dim: 1, unflattened_size: [2, 3, 4] }]]),
    one('Unflatten#CHW->4d', [6, 3, 4], [['Unflatten', { dim: 1, unflattened_size: [2, -1] }]]),
    one('Unflatten#CL->CHW', [3, 8], [['Unflatten', { dim: -1, unflattened_size: [2, 4] }]]),
    one('Permute#channels-last', [3, 4, 5], [['Permute', { dims: [0, 2, 3, 1] }]]),
    one('Permute#channels-first', [4, 5, 3], [['Permute', { dims: [0, 3, 1, 2] }]]),
    one('Permute#HW', [3, 4, 5], [['Permute', { dims: [0, 1, 3, 2] }]]),
    one('Permute#LD', [4, 7], [['Permute', { dims: [0, 2, 1] }]]),
    // ConvNeXt's LayerNorm over the channels: channels last, LayerNorm on C, channels first again.
    one(
      'Permute+LayerNorm',
      [4, 3, 5],
      [
        ['Permute', { dims: [0, 2, 3, 1] }],
        ['LayerNorm', { normalized_shape: 4 }],
        ['Permute', { dims: [0, 3, 1, 2] }],
      ],
    ),
  ];
}

/** Every issue-18 kind in one trainable chain: conv, norms, shuffles, permutes, a linear head. */
export function normNetwork(): Graph {
  const b = new GraphBuilder('Net');
  b.chain(b.input([4, 6, 6]), [
    ['Conv2d', { out_channels: 8, kernel_size: 3, padding: 1 }],
    ['GroupNorm', { num_groups: 2 }],
    ['ChannelShuffle', { groups: 2 }],
    ['InstanceNorm2d', { affine: true, track_running_stats: true }],
    ['PixelShuffle', { upscale_factor: 2 }],
    ['Permute', { dims: [0, 2, 3, 1] }],
    ['LayerNorm', { normalized_shape: 2 }],
    ['Permute', { dims: [0, 3, 1, 2] }],
    ['LayerNorm', { normalized_shape: [2, 12, 12] }],
    ['Flatten', {}],
    ['Unflatten', { dim: 1, unflattened_size: [8, -1] }],
    ['GroupNorm', { num_groups: 4 }],
    ['Flatten', {}],
    ['Linear', { out_features: 3 }],
  ]);
  return b.build();
}

/**
 * The kinds that no other SGD case trains, in one chain (Dropout and Dropout2d aside: their masks
 * are random): pools, padding, activations, a squeeze-excitation gate (Mean, Hardsigmoid, Mul),
 * Upsample, BatchNorm1d on batch statistics, Softmax and LogSoftmax, so that their gradients meet
 * PyTorch's after 3 SGD steps.
 */
export function activationNetwork(): Graph {
  const b = new GraphBuilder('Net');
  const x = b.chain(b.input([3, 8, 8]), [
    ['Conv2d', { out_channels: 6, kernel_size: 3, padding: 1 }],
    ['PReLU', { num_parameters: 6 }],
    ['ZeroPad2d', { padding: 1 }],
    ['AvgPool2d', { kernel_size: 2 }],
    ['LocalResponseNorm', { size: 3 }],
    ['ELU', {}],
    ['LeakyReLU', { negative_slope: 0.1 }],
    ['GELU', {}],
    ['SiLU', {}],
    ['Hardswish', {}],
    ['Mish', {}],
    ['Softplus', { beta: 2 }],
    ['ReLU6', {}],
    ['Identity', {}],
    ['Upsample', { scale_factor: 2, mode: 'bilinear' }],
  ]);
  const gate = b.chain(x, [
    ['Mean', { dim: [2, 3], keepdim: true }],
    ['Conv2d', { out_channels: 6, kernel_size: 1 }],
    ['Hardsigmoid', {}],
  ]);
  b.chain(b.layer('Mul', {}, [x, gate]), [
    ['Sigmoid', {}],
    ['Flatten', {}],
    ['BatchNorm1d', {}],
    ['Linear', { out_features: 12 }],
    ['Tanh', {}],
    ['Softmax', { dim: 1 }],
    ['Linear', { out_features: 3 }],
    ['LogSoftmax', { dim: 1 }],
  ]);
  return b.build();
}

/** Squeeze-excitation as torchvision writes it: x * sigmoid(fc2(relu(fc1(mean(x))))), and the product the other way round. */
function seCase(): TorchCase {
  const b = new GraphBuilder('Net');
  const x = b.input([4, 5, 6]);
  let s = b.layer('Mean', { dim: [2, 3], keepdim: true }, x);
  s = b.layer('Conv2d', { out_channels: 2, kernel_size: 1 }, s);
  s = b.layer('ReLU', {}, s);
  s = b.layer('Conv2d', { out_channels: 4, kernel_size: 1 }, s);
  s = b.layer('Hardsigmoid', {}, s);
  const y = b.layer('Mul', {}, [x, s]);
  const h = b.layer('Conv2d', { out_channels: 1, kernel_size: 1 }, y);
  b.layer('Mul', {}, [h, y]);
  return { id: 'Mul#squeeze-excitation', graph: b.build(), steps: 1 };
}

export function mergeCases(): TorchCase[] {
  const add = new GraphBuilder('Net');
  const x = add.input(img);
  const a = add.layer('Conv2d', { out_channels: 3, kernel_size: 3, padding: 1 }, x);
  add.layer('Add', {}, [a, x]);
  const cat = new GraphBuilder('Net');
  const y = cat.input(img);
  const c1 = cat.layer('Conv2d', { out_channels: 2, kernel_size: 1 }, y);
  cat.layer('Concat', { dim: 1 }, [c1, y]);
  const c3 = cat.layer('Conv2d', { out_channels: 3, kernel_size: 3, padding: 1 }, y);
  cat.layer('Concat', { dim: 3 }, [y, c3]);
  cat.layer('Concat', { dim: -2 }, [c3, y]);
  const two = new GraphBuilder('Net');
  const i1 = two.input([6]);
  const i2 = two.input([4]);
  const l1 = two.layer('Linear', { out_features: 3 }, i1);
  const l2 = two.layer('Linear', { out_features: 5 }, i2);
  two.layer('Concat', { dim: 1 }, [l1, l2]);
  two.layer('Tanh', {}, l2);
  // A Conv2d read by a ReLU and by an Add: the ReLU cannot be fused into it.
  const both = new GraphBuilder('Net');
  const z = both.input(img);
  const cz = both.layer('Conv2d', { out_channels: 3, kernel_size: 3, padding: 1 }, z);
  both.layer('Add', {}, [both.layer('ReLU', {}, cz), cz]);
  return [
    { id: 'Add', graph: add.build() },
    { id: 'Conv2d -> ReLU and Add', graph: both.build() },
    { id: 'Concat', graph: cat.build() },
    { id: 'two-inputs-two-outputs', graph: two.build() },
    seCase(),
    ...splitCases(),
  ];
}

export function networkCases(): TorchCase[] {
  const lenet = buildTemplate('lenet5');
  if (!lenet.ok) throw new Error(lenet.error);
  // torchvision's BasicBlock with a downsample, relu module called twice (shares).
  const rb = new GraphBuilder('Block');
  const x = rb.input([4, 8, 8]);
  const c1 = rb.layer('Conv2d', { out_channels: 8, kernel_size: 3, stride: 2, padding: 1, bias: false }, x);
  const b1 = rb.layer('BatchNorm2d', {}, c1);
  const r1 = rb.layer('ReLU', {}, b1);
  const c2 = rb.layer('Conv2d', { out_channels: 8, kernel_size: 3, padding: 1, bias: false }, r1);
  const b2 = rb.layer('BatchNorm2d', {}, c2);
  const d1 = rb.layer('Conv2d', { out_channels: 8, kernel_size: 1, stride: 2, bias: false }, x);
  const d2 = rb.layer('BatchNorm2d', {}, d1);
  const s = rb.layer('Add', {}, [b2, d2]);
  rb.layer('ReLU', {}, s, { shares: r1 });
  // An Inception v1 block: 1x1 | 1x1->3x3 | 1x1->5x5 | maxpool(3,1,1,ceil)->1x1, concatenated.
  const ib = new GraphBuilder('Inception');
  const z = ib.input([6, 7, 7]);
  const br1 = ib.chain(z, [
    ['Conv2d', { out_channels: 4, kernel_size: 1 }],
    ['ReLU', {}],
  ]);
  const br2 = ib.chain(z, [
    ['Conv2d', { out_channels: 3, kernel_size: 1 }],
    ['ReLU', {}],
    ['Conv2d', { out_channels: 5, kernel_size: 3, padding: 1 }],
    ['ReLU', {}],
  ]);
  const br3 = ib.chain(z, [
    ['Conv2d', { out_channels: 2, kernel_size: 1 }],
    ['ReLU', {}],
    ['Conv2d', { out_channels: 3, kernel_size: 5, padding: 2 }],
    ['ReLU', {}],
  ]);
  const br4 = ib.chain(z, [
    ['MaxPool2d', { kernel_size: 3, stride: 1, padding: 1, ceil_mode: true }],
    ['Conv2d', { out_channels: 2, kernel_size: 1 }],
    ['ReLU', {}],
  ]);
  ib.layer('Concat', { dim: 1 }, [br1, br2, br3, br4]);
  const block = rb.build();
  const inception = ib.build();
  const head = (b: GraphBuilder, from: string) =>
    b.chain(from, [
      ['AdaptiveAvgPool2d', { output_size: 2 }],
      ['Flatten', {}],
      ['Linear', { out_features: 3 }],
    ]);
  head(rb, block.nodes[block.nodes.length - 1].id);
  head(ib, inception.nodes[inception.nodes.length - 1].id);
  const sgd = { lr: 0.1, momentum: 0.9, weight_decay: 0.01 };
  return [
    { id: 'LeNet-5', graph: lenet.value },
    { id: 'LeNet-5 (3 SGD steps)', graph: lenet.value, train: true, steps: 3, sgd },
    { id: 'ResNet BasicBlock + head (3 SGD steps)', graph: rb.build(), train: true, steps: 3, sgd },
    { id: 'Inception block + head (3 SGD steps)', graph: ib.build(), train: true, steps: 3, sgd },
    { id: 'Norms and shuffles + head (3 SGD steps)', graph: normNetwork(), train: true, steps: 3, sgd },
    { id: 'Activations, pools and gates + head (3 SGD steps)', graph: activationNetwork(), train: true, steps: 3, sgd },
    { id: 'ResNet BasicBlock (eval)', graph: block },
    { id: 'ResNet BasicBlock (train)', graph: block, train: true, steps: 2 },
    { id: 'Inception block', graph: inception },
    ...convNetCases(),
  ];
}
