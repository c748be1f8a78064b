"""Prints, as one JSON object, what PyTorch says about each named template's reference model:
{name: {"total", "trainable", "state_dict": [[key, shape], ...], "repr": print(model) text,
"named_modules": [[name, class]], "modules": repr(list(model.modules())), "children": repr(list(model.children()))}}.

usage: /usr/bin/python3 scripts/torch_ref/templates_ref.py lenet5 vgg11 ...
Weight initialisation is skipped (only names, shapes and text are compared), which keeps
building VGG-19 or DenseNet-121 fast.
"""
import json
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402


def _skip_init():
    noop = lambda tensor, *a, **k: tensor  # noqa: E731
    for name in ('uniform_', 'normal_', 'constant_', 'ones_', 'zeros_', 'kaiming_uniform_', 'kaiming_normal_',
                 'xavier_uniform_', 'xavier_normal_', 'trunc_normal_'):
        setattr(nn.init, name, noop)


def build(name):
    import torchvision.models as tvm
    if name == 'lenet5':
        return models.LeNet5()
    if name == 'mlp':
        return models.MLP()
    if name == 'googlenet':
        return tvm.googlenet(aux_logits=False, transform_input=False, init_weights=False)
    return getattr(tvm, name)()


def describe(model):
    return {
        'total': sum(p.numel() for p in model.parameters()),
        'trainable': sum(p.numel() for p in model.parameters() if p.requires_grad),
        'state_dict': [[k, list(v.shape)] for k, v in model.state_dict().items()],
        'repr': repr(model),
        'named_modules': [[n, type(m).__name__] for n, m in model.named_modules()],
        'modules': repr(list(model.modules())),
        'children': repr(list(model.children())),
    }


def main(names):
    _skip_init()
    torch.set_grad_enabled(False)
    out = {name: describe(build(name)) for name in names}
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1:])
