#!/usr/bin/python3
"""Generates app/layers/torch-cases.json: per layer kind, output shapes (or errors), print(model)
text, and parameter/buffer names and shapes, as PyTorch 1.13 computes them; and
app/layers/torch-positional.json, torch.nn's constructor order for those kinds (the PyTorch reader's).

Run with Debian's interpreter, which has python3-torch:
    /usr/bin/python3 scripts/gen_shape_cases.py            # rewrites the table
    /usr/bin/python3 scripts/gen_shape_cases.py --stdout   # prints it (the test compares)

Cases are written in Netloom's parameter format (PyTorch names; pairs as lists; None as null);
shapes are per sample (the batch dimension is added here and removed again).
`deviation` marks the few inputs PyTorch accepts that Netloom rejects on purpose (say why).
"""
import inspect
import json
import os
import random
import sys
import warnings

import torch
import torch.nn as nn

warnings.simplefilter('ignore')
torch.set_grad_enabled(False)


def tup(v):
    return tuple(tup(x) for x in v) if isinstance(v, list) else v


# Netloom writes these as Python floats (the PyTorch export too), so `2` prints as `2.0`.
FLOATS = {'p', 'eps', 'momentum', 'alpha', 'beta', 'k', 'negative_slope'}


def kw(params, drop=()):
    return {k: (float(v) if k in FLOATS and isinstance(v, int) and not isinstance(v, bool) else tup(v))
            for k, v in params.items() if k not in drop}


def build(kind, params, shapes):
    """The torch module (or function) for a Netloom node, with inferred counts from the input."""
    s = shapes[0] if shapes else None
    if kind == 'Conv2d':
        return nn.Conv2d(params.get('in_channels') or s[0], **kw(params, ('in_channels',)))
    if kind in ('ConvTranspose2d', 'Conv1d'):
        return getattr(nn, kind)(params.get('in_channels') or s[0], **kw(params, ('in_channels',)))
    if kind == 'Linear':
        return nn.Linear(params.get('in_features') or s[-1], **kw(params, ('in_features',)))
    if kind in ('BatchNorm1d', 'BatchNorm2d'):
        return getattr(nn, kind)(params.get('num_features') or s[0], **kw(params, ('num_features',)))
    if kind == 'Softplus':  # beta and threshold print as given (ints by default)
        return nn.Softplus(**params)
    if kind == 'PReLU':
        return nn.PReLU(**kw(params, ('init',)), init=float(params.get('init', 0.25)))
    if kind == 'Add':
        return lambda *xs: sum(xs[1:], xs[0])
    if kind == 'Mul':
        return lambda a, b: a * b
    if kind == 'Mean':
        return lambda x: torch.mean(x, dim=tup(params['dim']), keepdim=params.get('keepdim', False))
    if kind == 'Concat':
        return lambda *xs: torch.cat(xs, dim=params.get('dim', 1))
    if kind == 'GroupNorm':
        return nn.GroupNorm(params['num_groups'], params.get('num_channels') or s[0], **kw(params, ('num_groups', 'num_channels')))
    if kind == 'InstanceNorm2d':
        return nn.InstanceNorm2d(params.get('num_features') or s[0], **kw(params, ('num_features',)))
    if kind == 'Permute':
        return lambda x: x.permute(*params['dims'])
    if kind == 'Split':  # Netloom's dim defaults to 1: torch.split's 0 is the batch
        return lambda x: torch.split(x, tup(params['split_size_or_sections']), dim=params.get('dim', 1))
    if kind == 'Chunk':
        return lambda x: torch.chunk(x, params['chunks'], dim=params.get('dim', 1))
    return getattr(nn, kind)(**kw(params))


def run(kind, params, shapes, deviation=None):
    case = {'type': kind, 'params': params, 'inputs': shapes}
    if deviation:
        case['deviation'] = deviation
    try:
        m = build(kind, params, shapes)
    except Exception as e:  # constructor rejects the params
        case['error'] = str(e).split('\n')[0][:200]
        return case
    if isinstance(m, nn.Module):
        m.eval()
        case['repr'] = str(m)
        case['parameters'] = [[n, list(p.shape)] for n, p in m.named_parameters()]
        case['buffers'] = [[n, list(b.shape)] for n, b in m.named_buffers()]
    try:
        y = m(*[torch.zeros([2] + list(sh)) for sh in shapes])
        if isinstance(y, tuple):  # Split, Chunk: one shape per output
            case['shapes'] = [list(t.shape)[1:] for t in y]
            y = y[0]
        case['shape'] = list(y.shape)[1:]
    except Exception as e:
        case['error'] = str(e).split('\n')[0][:200]
    return case


def cases():
    rnd = random.Random(1234)
    out = []
    add = lambda kind, params, *shapes, deviation=None: out.append(run(kind, params, list(shapes), deviation))

    # The seed's examples.
    add('Conv2d', {'out_channels': 3, 'kernel_size': 3, 'stride': 1, 'padding': 0}, [1, 28, 28])
    add('Conv2d', {'out_channels': 3, 'kernel_size': 3, 'stride': 1, 'padding': 1}, [1, 28, 28])
    add('Conv2d', {'out_channels': 3, 'kernel_size': 3, 'stride': 3, 'padding': 1}, [1, 28, 28])
    add('MaxPool2d', {'kernel_size': 2, 'stride': 2}, [1, 28, 28])
    add('Upsample', {'scale_factor': 2}, [1, 5, 5])
    add('Upsample', {'scale_factor': 3}, [1, 5, 5])
    add('BatchNorm1d', {'num_features': 16}, [16, 784])
    # LeNet-5 as in the course.
    add('Conv2d', {'in_channels': 1, 'out_channels': 6, 'kernel_size': 5, 'padding': 2}, [1, 28, 28])
    add('Conv2d', {'out_channels': 16, 'kernel_size': 5}, [6, 14, 14])

    ks = [1, 2, 3, 5, [3, 2], [1, 4]]
    for _ in range(70):
        c = rnd.choice([1, 2, 3, 4, 6])
        shape = [c, rnd.randint(1, 12), rnd.randint(1, 12)]
        groups = rnd.choice([1, 1, 1, 1, 2, 3])
        if rnd.random() < 0.85:  # mostly valid groupings, some not
            groups = rnd.choice([g for g in (1, 2, 3) if c % g == 0])
        p = {'out_channels': groups * rnd.choice([1, 2, 3]), 'kernel_size': rnd.choice(ks)}
        if rnd.random() < 0.6:
            p['stride'] = rnd.choice([1, 2, 3, [2, 1]])
        if rnd.random() < 0.7:
            p['padding'] = rnd.choice([0, 1, 2, [1, 0], 'same', 'valid'])
        if rnd.random() < 0.3:
            p['dilation'] = rnd.choice([2, [1, 2]])
        if groups != 1:
            p['groups'] = groups
        if rnd.random() < 0.3:
            p['bias'] = False
        add('Conv2d', p, shape)
    add('Conv2d', {'in_channels': 3, 'out_channels': 4, 'kernel_size': 3}, [1, 8, 8])  # mismatch
    add('Conv2d', {'out_channels': 4, 'kernel_size': 0}, [1, 8, 8])
    add('Conv2d', {'out_channels': 4, 'kernel_size': 1, 'groups': 2}, [3, 8, 8])
    add('Conv2d', {'out_channels': 3, 'kernel_size': 1, 'groups': 2}, [4, 8, 8])
    add('Conv2d', {'out_channels': 8, 'kernel_size': 3, 'groups': 4, 'dilation': 2, 'padding': 2, 'bias': False}, [4, 8, 8])
    add('Conv2d', {'out_channels': 4, 'kernel_size': 3, 'padding': -1}, [1, 8, 8])
    add('Conv2d', {'out_channels': 4, 'kernel_size': 3}, [1, 8], deviation='PyTorch would treat [1, 8] as an unbatched [C, L]... and fail; Conv2d needs [C, H, W]')

    for kind in ('MaxPool2d', 'AvgPool2d'):
        for _ in range(70):
            shape = [rnd.choice([1, 3]), rnd.randint(1, 11), rnd.randint(1, 11)]
            k = rnd.choice([1, 2, 3, 4, 5, [2, 3], [3, 1]])
            p = {'kernel_size': k}
            if rnd.random() < 0.6:
                p['stride'] = rnd.choice([1, 2, 3, [1, 2]])
            if rnd.random() < 0.6:
                kk = k if isinstance(k, list) else [k, k]
                ok_pads = [q for q in ([0, 1, 2, [1, 0], [0, 1]]) if all(x <= kk[i] // 2 for i, x in enumerate(q if isinstance(q, list) else [q, q]))]
                p['padding'] = rnd.choice(ok_pads if rnd.random() < 0.85 else [2, [0, 2]])
            if kind == 'MaxPool2d' and rnd.random() < 0.3:
                p['dilation'] = rnd.choice([2, [1, 2]])
            if rnd.random() < 0.5:
                p['ceil_mode'] = True
            if kind == 'AvgPool2d' and rnd.random() < 0.3:
                p['count_include_pad'] = False
            if kind == 'AvgPool2d' and rnd.random() < 0.2:
                p['divisor_override'] = 3
            add(kind, p, shape)
        # The ceil_mode rule: the last window must start inside the input or the left padding.
        add(kind, {'kernel_size': 2, 'stride': 2, 'ceil_mode': True}, [1, 5, 5])
        add(kind, {'kernel_size': 3, 'stride': 2, 'padding': 1, 'ceil_mode': True}, [1, 6, 6])
        add(kind, {'kernel_size': 2, 'stride': 3, 'padding': 1, 'ceil_mode': True}, [1, 4, 4])
        add(kind, {'kernel_size': 3, 'stride': 3, 'padding': 1, 'ceil_mode': True}, [1, 5, 5])
        add(kind, {'kernel_size': 2, 'padding': 2}, [1, 8, 8])  # pad > kernel / 2
        add(kind, {'kernel_size': 3}, [1, 2, 2])  # too small
    add('AvgPool2d', {'kernel_size': 2, 'divisor_override': 0}, [1, 4, 4])

    for os_ in (1, 2, 7, [3, 5], [None, 2], [4, None]):
        for shape in ([3, 7, 7], [2, 1, 1], [1, 10, 3]):
            add('AdaptiveAvgPool2d', {'output_size': os_}, shape)

    for p in ({}, {'affine': False}, {'track_running_stats': False}, {'eps': 1e-3, 'momentum': None}, {'momentum': 0.01}):
        add('BatchNorm1d', p, [16])
        add('BatchNorm1d', p, [8, 5])
        add('BatchNorm2d', p, [6, 4, 4])
    add('BatchNorm1d', {'num_features': 8}, [16, 784])
    add('BatchNorm2d', {'num_features': 3}, [6, 4, 4])
    add('BatchNorm2d', {}, [6, 4], deviation='PyTorch 1.13 BatchNorm2d needs 4D batched input; [6, 4] per sample is 3D')

    for p in ({}, {'p': 0.2}, {'p': 0.0, 'inplace': True}, {'p': 1}):
        add('Dropout', p, [10])
        add('Dropout', p, [3, 4, 4])
        add('Dropout2d', p, [3, 4, 4])
    add('Dropout', {'p': 1.5}, [10])
    add('Dropout2d', {}, [10, 4], deviation='PyTorch 1.13 only warns, then drops along the wrong axis')

    for p in ({'out_features': 10}, {'out_features': 120, 'bias': False}, {'in_features': 400, 'out_features': 120}):
        add('Linear', p, [400])
    add('Linear', {'in_features': 100, 'out_features': 10}, [400])
    add('Linear', {'out_features': 120}, [16, 5, 5], deviation='PyTorch applies Linear to the last dim; here that is a forgotten Flatten')

    for p in ({}, {'start_dim': 2}, {'start_dim': 1, 'end_dim': 2}, {'start_dim': -2}, {'start_dim': 2, 'end_dim': -1}, {'start_dim': 3, 'end_dim': 1}, {'start_dim': 5}, {'end_dim': -5}):
        add('Flatten', p, [16, 5, 5])
    add('Flatten', {}, [7])
    add('Flatten', {'start_dim': 0}, [3, 4], deviation='flattening the batch dimension leaves no per-sample shape')

    for p in ({'scale_factor': 2}, {'scale_factor': 1.5}, {'scale_factor': [2, 3]}, {'scale_factor': 0.5}, {'size': 8}, {'size': [4, 9]},
              {'scale_factor': 2, 'mode': 'bilinear'}, {'scale_factor': 2, 'mode': 'bilinear', 'align_corners': True},
              {'size': [3, 3], 'mode': 'bilinear', 'align_corners': False}, {'scale_factor': 2, 'mode': 'nearest', 'align_corners': True},
              {'scale_factor': 2.7}, {'scale_factor': 0.1}):
        add('Upsample', p, [2, 5, 7])

    for p in ({'padding': 1}, {'padding': 0}, {'padding': [0, 1, 0, 1]}, {'padding': [2, 2, 2, 2]}, {'padding': [1, 2, 3, 4]}, {'padding': [3, 0, 0, 0]}):
        add('ZeroPad2d', p, [2, 5, 7])
    add('ZeroPad2d', {'padding': [1, 2, 3]}, [2, 5, 7])
    add('ZeroPad2d', {'padding': [-1, 0, 0, 0]}, [2, 5, 7], deviation='negative padding crops in PyTorch; Netloom pads only')
    add('ZeroPad2d', {'padding': 1}, [5, 7], deviation='PyTorch pads the last two dims of [C, L]; Netloom compiles [C, H, W] only')
    add('ZeroPad2d', {'padding': 1}, [3, 4, 4, 4], deviation='PyTorch 1.13 pads the last two dims of 5D input; Netloom compiles [C, H, W] only')

    for shape in ([10], [3, 4, 4]):
        for kind, plist in (('ReLU', [{}, {'inplace': True}]), ('LeakyReLU', [{}, {'negative_slope': 0.2}, {'negative_slope': 0.1, 'inplace': True}]),
                            ('ELU', [{}, {'alpha': 0.5}, {'alpha': 2, 'inplace': True}]), ('GELU', [{}, {'approximate': 'tanh'}]),
                            ('Sigmoid', [{}]), ('Tanh', [{}]), ('Identity', [{}]),
                            ('ReLU6', [{}, {'inplace': True}]), ('SiLU', [{}, {'inplace': True}]), ('Hardswish', [{}, {'inplace': True}]),
                            ('Hardsigmoid', [{}, {'inplace': True}]), ('Mish', [{}, {'inplace': True}]),
                            ('Softplus', [{}, {'beta': 2, 'threshold': 10}, {'beta': 0.5}, {'threshold': 1e-5}]), ('PReLU', [{}, {'init': 0.1}])):
            for p in plist:
                add(kind, p, shape)
    for p, shape in (({'num_parameters': 3}, [3, 4, 4]), ({'num_parameters': 3}, [4, 4, 4]), ({'num_parameters': 3}, [3]), ({'num_parameters': 3}, [4]),
                     ({'num_parameters': 3}, [3, 5]), ({'num_parameters': 2}, [3, 5]), ({'num_parameters': 4, 'init': 0.5}, [4, 2, 3, 3])):
        add('PReLU', p, shape)
    add('PReLU', {'num_parameters': 0}, [3, 4, 4])
    for kind in ('Softmax', 'LogSoftmax'):
        for p in ({}, {'dim': 1}, {'dim': -1}, {'dim': 3}, {'dim': 4}):
            add(kind, p, [10])
            add(kind, p, [3, 4, 4])
    for p in ({'size': 5}, {'size': 2, 'alpha': 1e-3, 'beta': 0.5, 'k': 2}, {'size': 3, 'k': 1.5}):
        add('LocalResponseNorm', p, [6, 5, 5])
        add('LocalResponseNorm', p, [6, 5])

    # Ranks each kind accepts per sample.
    add('LocalResponseNorm', {'size': 3}, [10])
    add('Upsample', {'scale_factor': 2}, [10])
    add('Upsample', {'scale_factor': 2}, [2, 5], deviation='PyTorch resizes [C, L] as 1D; Netloom compiles 2D resizing only')
    add('ZeroPad2d', {'padding': 1}, [10], deviation='PyTorch takes [N, F] as one unbatched [H, W] and pads the batch dimension too')
    add('BatchNorm1d', {}, [2, 3, 4])
    add('BatchNorm2d', {}, [2, 3, 4, 5])
    add('MaxPool2d', {'kernel_size': 2}, [3, 4, 4, 4])
    add('AdaptiveAvgPool2d', {'output_size': 1}, [3, 4, 4, 4], deviation='PyTorch pools the last two dims of any rank; Netloom compiles [C, H, W] only')
    add('Linear', {'out_features': 3}, [7])
    add('Conv2d', {'out_channels': 2, 'kernel_size': 1}, [1, 2, 3, 4])
    add('Softmax', {'dim': -4}, [3, 4, 4])
    add('Softmax', {'dim': -5}, [3, 4, 4])
    add('Flatten', {'start_dim': 2, 'end_dim': 2}, [3, 4, 4])
    add('Flatten', {'start_dim': -1}, [3, 4, 4])

    add('Add', {}, [6, 4, 4], [6, 4, 4])
    add('Add', {}, [6, 4, 4], [6, 4, 4], [6, 4, 4])
    add('Add', {}, [6, 4, 4], [6, 2, 2])
    add('Add', {}, [6, 4, 4], [1, 4, 4], deviation='PyTorch broadcasts; a residual Add of different shapes is a wiring mistake')
    add('Mul', {}, [6, 4, 4], [6, 4, 4])
    add('Mul', {}, [6, 4, 4], [6, 1, 1])
    add('Mul', {}, [6, 1, 1], [6, 4, 4])
    add('Mul', {}, [6, 4, 4], [1, 4, 1])
    add('Mul', {}, [6, 4, 4], [6, 2, 4])
    add('Mul', {}, [6, 4, 4], [3, 1, 1])
    add('Mul', {}, [10], [10])
    add('Mul', {}, [10], [1])
    add('Mul', {}, [6, 4, 4], [6], deviation='PyTorch broadcasts [N, C] against [N, C, H, W] from the right (W against C, H against N); a per-sample [C] needs a reshape to [C, 1, 1]')
    for p in ({'dim': [2, 3]}, {'dim': [2, 3], 'keepdim': True}, {'dim': 1}, {'dim': [-1]}, {'dim': [-1], 'keepdim': True}, {'dim': 3}, {'dim': [1, 3]},
              {'dim': [2, 2]}, {'dim': 4}, {'dim': [-5]}):
        add('Mean', p, [3, 4, 5])
    add('Mean', {'dim': 1}, [10])
    add('Mean', {'dim': [2]}, [3, 5])
    add('Mean', {'dim': 0}, [3, 4, 5], deviation='a mean over the batch dimension mixes samples')
    add('Concat', {}, [6, 4, 4], [2, 4, 4])
    add('Concat', {}, [6, 4, 4], [2, 4, 4], [1, 4, 4])
    add('Concat', {'dim': 2}, [6, 4, 4], [6, 1, 4])
    add('Concat', {'dim': -1}, [6, 4, 4], [6, 4, 3])
    add('Concat', {}, [6, 4, 4], [2, 3, 4])
    add('Concat', {}, [6, 4, 4], [6, 4])
    add('Concat', {'dim': 4}, [6, 4, 4], [6, 4, 4])
    add('Concat', {}, [10], [20])
    add('Concat', {'dim': 0}, [10], [20], deviation='concatenating along the batch dimension changes the batch size')
    conv_cases(add)

    # Normalization (issue 18).
    for p, shape in (({'normalized_shape': 10}, [10]), ({'normalized_shape': [10]}, [4, 10]), ({'normalized_shape': [4, 5]}, [3, 4, 5]),
                     ({'normalized_shape': [3, 4, 5], 'eps': 1e-3}, [3, 4, 5]), ({'normalized_shape': 5, 'elementwise_affine': False}, [3, 4, 5]),
                     ({'normalized_shape': [5, 4]}, [3, 4, 5]), ({'normalized_shape': 4}, [3, 4, 5]),
                     ({'normalized_shape': [0]}, [3, 4, 5]), ({'normalized_shape': 6}, [2, 3, 4, 6])):
        add('LayerNorm', p, shape)
    add('LayerNorm', {'normalized_shape': [2, 10]}, [10], deviation='normalizing over the batch dimension mixes samples')
    add('LayerNorm', {'normalized_shape': [2, 3, 4, 5]}, [3, 4, 5], deviation='normalizing over the batch dimension mixes samples')
    for p, shape in (({'num_groups': 2}, [6, 4, 4]), ({'num_groups': 3, 'eps': 1e-3}, [6, 4, 4]), ({'num_groups': 6, 'affine': False}, [6, 4, 4]),
                     ({'num_groups': 1}, [4]), ({'num_groups': 2}, [4, 7]), ({'num_groups': 4}, [6, 4, 4]), ({'num_groups': 2, 'num_channels': 4}, [6, 4, 4]),
                     ({'num_groups': 3, 'num_channels': 7}, [7, 4, 4]), ({'num_groups': 2}, [4, 2, 3, 3]), ({'num_groups': 0}, [4, 2, 2])):
        add('GroupNorm', p, shape)
    for p, shape in (({}, [3, 5, 5]), ({'affine': True}, [3, 5, 5]), ({'track_running_stats': True, 'momentum': 0.2}, [3, 5, 5]),
                     ({'affine': True, 'track_running_stats': True, 'eps': 1e-3}, [3, 5, 5]), ({'num_features': 4, 'affine': True}, [3, 5, 5]),
                     ({}, [3, 4, 5, 5])):
        add('InstanceNorm2d', p, shape)
    add('InstanceNorm2d', {}, [3, 5], deviation='PyTorch takes [N, C, L] as one unbatched [C, H, W] and mixes the samples')
    add('InstanceNorm2d', {'num_features': 4}, [3, 5, 5], deviation='PyTorch 1.13 only warns when affine is off; a wrong num_features is a mistake')
    add('InstanceNorm2d', {'momentum': None}, [3, 5, 5])

    # Structure (issue 18).
    for p, shape in (({'groups': 2}, [6, 4, 4]), ({'groups': 3}, [6, 4, 4]), ({'groups': 4}, [6, 4, 4]), ({'groups': 2}, [4, 5]),
                     ({'groups': 1}, [3, 2, 2]), ({'groups': 2}, [6]), ({'groups': 2}, [4, 2, 2, 2])):
        add('ChannelShuffle', p, shape)
    for p, shape in (({'upscale_factor': 2}, [8, 3, 5]), ({'upscale_factor': 3}, [9, 2, 2]), ({'upscale_factor': 1}, [3, 2, 2]),
                     ({'upscale_factor': 2}, [6, 3, 3]), ({'upscale_factor': 0}, [4, 2, 2])):
        add('PixelShuffle', p, shape)
    add('PixelShuffle', {'upscale_factor': 2}, [8, 3], deviation='PyTorch reads [N, C, L] as one unbatched [C, H, W] (N as the channels)')
    for p, shape in (({'dim': 1, 'unflattened_size': [2, 3]}, [6, 4, 4]), ({'dim': 1, 'unflattened_size': [16, 7, 7]}, [784]),
                     ({'dim': -1, 'unflattened_size': [2, -1]}, [3, 8]), ({'dim': 2, 'unflattened_size': [2, 2]}, [3, 4, 5]),
                     ({'dim': 1, 'unflattened_size': [2, 4]}, [6, 4, 4]), ({'dim': 1, 'unflattened_size': [4, -1]}, [6, 4, 4]),
                     ({'dim': 1, 'unflattened_size': [-1, -1]}, [6, 4, 4]), ({'dim': 4, 'unflattened_size': [2, 3]}, [6, 4, 4]),
                     ({'dim': -4, 'unflattened_size': [3, 2]}, [6, 4, 4])):
        add('Unflatten', p, shape)
    add('Unflatten', {'dim': 0, 'unflattened_size': [1, -1]}, [6], deviation='splitting the batch dimension changes the batch size')
    for p, shape in (({'dims': [0, 2, 3, 1]}, [3, 4, 5]), ({'dims': [0, 3, 1, 2]}, [4, 5, 3]), ({'dims': [0, 2, 1]}, [4, 7]), ({'dims': [0, 1]}, [7]),
                     ({'dims': [0, -1, 1, 2]}, [3, 4, 5]), ({'dims': [0, 2, 1]}, [3, 4, 5]), ({'dims': [0, 1, 1, 2]}, [3, 4, 5]),
                     ({'dims': [0, 1, 2, 4]}, [3, 4, 5]), ({'dims': [0, 1, 3, 2, 4]}, [2, 3, 4, 5])):
        add('Permute', p, shape)
    add('Permute', {'dims': [1, 0, 2, 3]}, [3, 4, 5], deviation='moving the batch dimension mixes samples across positions')
    # Split and Chunk: several outputs, the last piece smaller.
    for p, shape in (({'split_size_or_sections': 4}, [10, 3, 3]), ({'split_size_or_sections': 5}, [10]),
                     ({'split_size_or_sections': 12}, [10, 3, 3]), ({'split_size_or_sections': [3, 7]}, [10, 3, 3]),
                     ({'split_size_or_sections': [3, 3]}, [10, 3, 3]), ({'split_size_or_sections': [2, 8], 'dim': 2}, [3, 10, 4]),
                     ({'split_size_or_sections': 2, 'dim': -1}, [3, 4, 5]), ({'split_size_or_sections': 2, 'dim': 3}, [3, 4]),
                     ({'split_size_or_sections': [1, 1, 2]}, [4]), ({'split_size_or_sections': [-1, 11]}, [10, 3, 3]),
                     ({'split_size_or_sections': 0}, [10, 3, 3])):
        add('Split', p, shape)
    add('Split', {'split_size_or_sections': 2, 'dim': 0}, [4, 3], deviation='splitting the batch dimension mixes samples')
    add('Split', {'split_size_or_sections': [0, 10]}, [10, 3], deviation='a piece of size 0 is an empty tensor; Netloom shapes have no zero sizes')
    add('Split', {'split_size_or_sections': 1}, [65], deviation='at most 64 outputs: each is a handle on the canvas')
    for p, shape in (({'chunks': 4}, [10, 3, 3]), ({'chunks': 4}, [6]), ({'chunks': 3, 'dim': 2}, [4, 5, 6]),
                     ({'chunks': 1}, [4, 5]), ({'chunks': 20}, [3, 4, 4]), ({'chunks': 0}, [4, 5]), ({'chunks': 2, 'dim': -2}, [4, 5])):
        add('Chunk', p, shape)
    add('Chunk', {'chunks': 2, 'dim': 0}, [4, 3], deviation='splitting the batch dimension mixes samples')
    return out


def conv_cases(add):
    """ConvTranspose2d, Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d, AdaptiveMaxPool2d, AdaptiveMaxPool1d (own generator: appending keeps the others' draws)."""
    rnd = random.Random(18)
    for _ in range(60):
        c = rnd.choice([1, 2, 3, 4, 6])
        groups = rnd.choice([g for g in (1, 2, 3) if c % g == 0]) if rnd.random() < 0.85 else rnd.choice([2, 3])
        p = {'out_channels': groups * rnd.choice([1, 2, 3]), 'kernel_size': rnd.choice([1, 2, 3, 4, [3, 2], [1, 4]])}
        if rnd.random() < 0.6:
            p['stride'] = rnd.choice([1, 2, 3, [2, 1]])
        if rnd.random() < 0.6:
            p['padding'] = rnd.choice([0, 1, 2, [1, 0], 3])
        if rnd.random() < 0.5:
            p['output_padding'] = rnd.choice([1, [1, 0], [0, 1], 2])
        if rnd.random() < 0.3:
            p['dilation'] = rnd.choice([2, [1, 2], 3])
        if groups != 1:
            p['groups'] = groups
        if rnd.random() < 0.3:
            p['bias'] = False
        add('ConvTranspose2d', p, [c, rnd.randint(1, 7), rnd.randint(1, 7)])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 3, 'stride': 2, 'padding': 1, 'output_padding': 1}, [4, 5, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 2, 'stride': 2}, [4, 5, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 3, 'output_padding': 1}, [4, 5, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 3, 'dilation': 2, 'output_padding': 1}, [4, 5, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 1, 'padding': 3}, [4, 5, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 1, 'padding': 2}, [4, 5, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 3, 'groups': 3}, [4, 5, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 3, 'groups': 4}, [4, 5, 5])
    add('ConvTranspose2d', {'in_channels': 3, 'out_channels': 6, 'kernel_size': 3}, [4, 5, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 0}, [4, 5, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 3, 'output_padding': -1}, [4, 5, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 3, 'padding_mode': 'reflect'}, [4, 5, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 3}, [4, 5])
    add('ConvTranspose2d', {'out_channels': 6, 'kernel_size': 3}, [4, 5, 5, 5])

    for _ in range(40):
        c = rnd.choice([1, 2, 3, 4, 6])
        groups = rnd.choice([g for g in (1, 2, 3) if c % g == 0]) if rnd.random() < 0.85 else rnd.choice([2, 3])
        p = {'out_channels': groups * rnd.choice([1, 2, 3]), 'kernel_size': rnd.choice([1, 2, 3, 5])}
        if rnd.random() < 0.6:
            p['stride'] = rnd.choice([1, 2, 3])
        if rnd.random() < 0.7:
            p['padding'] = rnd.choice([0, 1, 2, 'same', 'valid'])
        if rnd.random() < 0.3:
            p['dilation'] = 2
        if groups != 1:
            p['groups'] = groups
        if rnd.random() < 0.3:
            p['bias'] = False
        add('Conv1d', p, [c, rnd.randint(1, 12)])
    add('Conv1d', {'in_channels': 3, 'out_channels': 6, 'kernel_size': 3}, [4, 8])
    add('Conv1d', {'out_channels': 6, 'kernel_size': 3}, [4, 8, 8])
    add('Conv1d', {'out_channels': 6, 'kernel_size': 3}, [4])
    add('Conv1d', {'out_channels': 6, 'kernel_size': 3, 'padding': 'same', 'stride': 2}, [4, 8])

    for kind in ('MaxPool1d', 'AvgPool1d'):
        for _ in range(30):
            k = rnd.choice([1, 2, 3, 4, 5])
            p = {'kernel_size': k}
            if rnd.random() < 0.6:
                p['stride'] = rnd.choice([1, 2, 3])
            if rnd.random() < 0.6:
                p['padding'] = rnd.choice([q for q in (0, 1, 2) if q <= k // 2] if rnd.random() < 0.85 else [2, 3])
            if kind == 'MaxPool1d' and rnd.random() < 0.3:
                p['dilation'] = 2
            if rnd.random() < 0.5:
                p['ceil_mode'] = True
            if kind == 'AvgPool1d' and rnd.random() < 0.3:
                p['count_include_pad'] = False
            shape = [rnd.choice([1, 3]), rnd.randint(1, 11)]
            # PyTorch 1.13's max_pool1d returns an empty [C, 0] where the output length is 0 (avg_pool1d raises).
            empty = kind == 'MaxPool1d' and run(kind, p, [shape]).get('shape', [1, 1])[-1] == 0
            add(kind, p, shape, deviation='an empty [C, 0] output is a wiring mistake' if empty else None)
        add(kind, {'kernel_size': 2, 'stride': 2, 'ceil_mode': True}, [1, 5])
        add(kind, {'kernel_size': 3, 'padding': 2}, [1, 8])
        add(kind, {'kernel_size': 2}, [1, 2, 8])
    add('AvgPool1d', {'kernel_size': 3}, [1, 2])
    add('MaxPool1d', {'kernel_size': 3}, [1, 2], deviation='PyTorch 1.13 returns an empty [C, 0]; an empty output is a wiring mistake')

    for os_ in (1, 2, 3, 7):
        for shape in ([3, 7], [2, 1], [1, 10]):
            add('AdaptiveAvgPool1d', {'output_size': os_}, shape)
    add('AdaptiveAvgPool1d', {'output_size': 2}, [3, 4, 4])
    add('AdaptiveAvgPool1d', {'output_size': 0}, [3, 4], deviation='PyTorch 1.13 returns an empty [C, 0]')
    for os_ in (1, 2, 7, [3, 5], [None, 2], [4, None]):
        for shape in ([3, 7, 7], [2, 1, 1], [1, 10, 3]):
            add('AdaptiveMaxPool2d', {'output_size': os_}, shape)
    add('AdaptiveMaxPool2d', {'output_size': 1}, [3, 4, 4, 4], deviation='PyTorch pools the last two dims of any rank; Netloom compiles [C, H, W] only')
    for os_ in (1, 2, 3, 7):
        for shape in ([3, 7], [2, 1], [1, 10]):
            add('AdaptiveMaxPool1d', {'output_size': os_}, shape)
    add('AdaptiveMaxPool1d', {'output_size': 2}, [3, 4, 4])
    add('AdaptiveMaxPool1d', {'output_size': 0}, [3, 4], deviation='PyTorch 1.13 returns an empty [C, 0]')


def one_axis(fn):
    """Output size along H for a [1, 1, size, 1] input, or None where PyTorch raises."""
    try:
        return int(fn().shape[2])
    except Exception:
        return None


def grids():
    """Small exhaustive grids along one axis: rows [size, kernel, stride, padding, dilation, ceil_mode, output or None].

    PyTorch exceptions cost ~10 ms each (it records a C++ backtrace), so the pooling grids keep
    padding <= kernel // 2; the padding rule itself has its own small grid, `poolpad`.
    """
    import torch.nn.functional as F
    out = {'conv': [], 'maxpool': [], 'avgpool': [], 'poolpad': []}
    r = lambda a, b: range(a, b + 1)
    for size in r(1, 8):
        x = torch.zeros([1, 1, size, 1])
        for k in r(1, 4):
            w = torch.zeros([1, 1, k, 1])
            for st in r(1, 3):
                for pad in r(0, 2):
                    for d in r(1, 2):
                        if size <= 6:
                            out['conv'].append([size, k, st, pad, d, False, one_axis(lambda: F.conv2d(x, w, stride=(st, 1), padding=(pad, 0), dilation=(d, 1)))])
                        if pad > k // 2:
                            continue
                        for ceil in (False, True):
                            out['maxpool'].append([size, k, st, pad, d, ceil, one_axis(lambda: F.max_pool2d(x, (k, 1), (st, 1), (pad, 0), (d, 1), ceil))])
                            if d == 1:
                                out['avgpool'].append([size, k, st, pad, 1, ceil, one_axis(lambda: F.avg_pool2d(x, (k, 1), (st, 1), (pad, 0), ceil))])
    x = torch.zeros([1, 1, 20, 1])
    for k in r(1, 5):
        for pad in r(0, 3):
            mx = one_axis(lambda: F.max_pool2d(x, (k, 1), (1, 1), (pad, 0)))
            av = one_axis(lambda: F.avg_pool2d(x, (k, 1), (1, 1), (pad, 0)))
            out['poolpad'].append([20, k, 1, pad, 1, False, mx, av])
    return out


def render(table):
    """One case or grid row per line: small diffs, easy to read."""
    lines = ['{', f' "torch": {json.dumps(table["torch"])},', ' "cases": [']
    lines.append(',\n'.join('  ' + json.dumps(c, sort_keys=True) for c in table['cases']))
    lines.append(' ],')
    lines.append(' "grids": {')
    parts = []
    for name, rows in table['grids'].items():
        parts.append(f'  "{name}": [\n' + ',\n'.join('   ' + json.dumps(row) for row in rows) + '\n  ]')
    lines.append(',\n'.join(parts))
    lines.append(' }')
    lines.append('}')
    return '\n'.join(lines) + '\n'


def positional(kinds):
    """torch.nn's constructor parameters in positional order (device and dtype left out), for every
    kind with cases that is an nn.Module: the PyTorch reader binds `nn.Conv2d(1, 6, 5)` by it."""
    out = {}
    for k in sorted(kinds):
        cls = getattr(nn, k, None)
        if isinstance(cls, type) and issubclass(cls, nn.Module):
            names = list(inspect.signature(cls.__init__).parameters)[1:]
            out[k] = [p for p in names if p not in ('device', 'dtype', 'args', 'kwargs')]
    return '{\n' + ',\n'.join(f' {json.dumps(k)}: {json.dumps(v)}' for k, v in out.items()) + '\n}\n'


def main():
    table = {'torch': torch.__version__, 'cases': cases(), 'grids': grids()}
    text = render(table)
    if '--stdout' in sys.argv:
        sys.stdout.write(text)
        return
    layers = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'app', 'layers')
    path = os.path.join(layers, 'torch-cases.json')
    with open(path, 'w') as f:
        f.write(text)
    with open(os.path.join(layers, 'torch-positional.json'), 'w') as f:
        f.write(positional({c['type'] for c in table['cases']}))
    print(f'wrote {len(table["cases"])} cases and {sum(len(g) for g in table["grids"].values())} grid rows to {os.path.normpath(path)}')


if __name__ == '__main__':
    main()
