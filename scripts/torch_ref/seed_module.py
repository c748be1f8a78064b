"""The seed's nn.Module example (Net / MyModule): prints JSON with print(model),
print(list(model.modules())), print(list(model.children())), their lengths, and the
named parameters, as PyTorch gives them."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

model = models.Net()
json.dump({
    'repr': repr(model),
    'modules': repr(list(model.modules())),
    'modules_len': len(list(model.modules())),
    'children': repr(list(model.children())),
    'children_len': len(list(model.children())),
    'named_modules': [n for n, _ in model.named_modules()],
    'named_parameters': [[n, list(p.shape)] for n, p in model.named_parameters()],
}, sys.stdout)
