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
    if name == 'efficientnet_b0':
        return efficientnet_as_netloom(tvm.efficientnet_b0())
    return getattr(tvm, name)()


def efficientnet_as_netloom(model):
    """StochasticDepth has no parameters and is the identity in eval mode: Netloom writes it as
    Identity where MBConv calls it (the residual blocks) and leaves it out where forward never
    calls it (a block without the residual), so print(model) shows Identity() there."""
    from torchvision.models.efficientnet import MBConv
    for m in model.modules():
        if isinstance(m, MBConv):
            if m.use_res_connect:
                m.stochastic_depth = nn.Identity()
            else:
                del m.stochastic_depth
    return model


INPUTS = {'lenet5': (1, 28, 28), 'mlp': (1, 28, 28)}


def forward_shapes(name, model):
    """Output shape (per sample) of every leaf module at its first call, and of the model,
    from a forward pass on the meta device (shapes only, no arithmetic)."""
    model = model.to('meta').eval()
    shapes = {}

    def hook(module_name):
        def record(module, inputs, output):
            shapes.setdefault(module_name, list(output.shape)[1:])
        return record

    for module_name, module in model.named_modules():
        if len(list(module.children())) == 0:
            module.register_forward_hook(hook(module_name))
    out = model(torch.empty(1, *INPUTS.get(name, (3, 224, 224)), device='meta'))
    return shapes, list(out.shape)[1:]


def call_graph(model):
    """The wiring of forward as torch.fx traces it: for each leaf-module call `path#k` (k-th call
    of that module), the module calls (or 'input') it reads from, looking through functional ops
    (add, cat, flatten, F.relu) in argument order; and the same for the model's output."""
    import torch.fx as fx
    graph = fx.symbolic_trace(model).graph
    names = {}
    counts = {}
    calls = {}

    def expand(arg):
        if isinstance(arg, (list, tuple)):
            return [x for a in arg for x in expand(a)]
        if isinstance(arg, dict):
            return [x for a in arg.values() for x in expand(a)]
        if not isinstance(arg, fx.Node):
            return []
        if arg.op == 'placeholder':
            return ['input']
        if arg.op == 'call_module':
            return [names[arg]]
        return expand(arg.args) + expand(arg.kwargs)

    output = []
    for node in graph.nodes:
        if node.op == 'call_module':
            k = counts.get(node.target, 0)
            counts[node.target] = k + 1
            names[node] = '%s#%d' % (node.target, k)
            calls[names[node]] = expand(node.args) + expand(node.kwargs)
        elif node.op == 'output':
            output = expand(node.args)
    return {'calls': calls, 'output': output}


def describe(name, model):
    wiring = call_graph(model)
    shapes, output = forward_shapes(name, model)
    return {
        'wiring': wiring,
        'shapes': shapes,
        'output': output,
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
    out = {name: describe(name, build(name)) for name in names}
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1:])
