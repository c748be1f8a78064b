"""Checks an exported model.py's preprocess(): load() + preprocess() on raw uint8 images (what a
person has) against the app's own predictions. Args: export dir, raw images (.u8, N*H*W), labels
(.u8), result JSON path."""
import json
import sys

import numpy as np
import torch

out_dir, images_path, labels_path, result_path = sys.argv[1:5]
sys.path.insert(0, out_dir)
import model as m  # noqa: E402

net = m.load()
h, w = m.INPUT_SHAPE[1], m.INPUT_SHAPE[2]
raw = np.fromfile(images_path, dtype=np.uint8).reshape(-1, h, w)
labels = np.fromfile(labels_path, dtype=np.uint8)
with torch.no_grad():
    pred = [int(net(m.preprocess(img)).argmax(1)) for img in raw]
    # What the bug did: raw pixels in [0, 1] straight into the network, without Normalize.
    unnormalized = [int(net(torch.from_numpy(img.astype(np.float32) / 255).reshape(1, 1, h, w)).argmax(1)) for img in raw]
json.dump({
    "pred": pred,
    "unnormalized": unnormalized,
    "acc": float(np.mean(np.array(pred) == labels)),
    "classes": m.CLASSES,
    "mean": list(m.MEAN) if m.MEAN is not None else None,
    "std": list(m.STD) if m.STD is not None else None,
    "input_shape": list(m.INPUT_SHAPE),
}, open(result_path, "w"))
