/**
 * What a consumer of an exported model must do to an input before the network sees it, as the
 * run was trained: the per-sample input shape, the normalization (`transforms.Normalize(mean,
 * std)` after `ToTensor()`'s [0, 1] scaling) and the class names, index = label. Every export
 * carries it: model.py (`preprocess()`, `CLASSES`), ONNX `metadata_props`, TensorFlow.js
 * `userDefinedMetadata`.
 */
import { pyStr } from '../layers/pyrepr';

export interface Preprocessing {
  /** Per sample, PyTorch order, no batch dimension: [1, 28, 28]. */
  input_shape: number[];
  /** Per channel; null when the run did not normalize. */
  mean: number[] | null;
  std: number[] | null;
  /** Class names, index = label; null when unknown (a regression, or unnamed labels). */
  classes: string[] | null;
}

/** ONNX metadata_props keys (values are JSON). */
export const PREPROCESS_META = {
  input_shape: 'netloom.input_shape',
  mean: 'netloom.normalize.mean',
  std: 'netloom.normalize.std',
  classes: 'netloom.classes',
} as const;

export function preprocessMetadata(p: Preprocessing): Record<string, string> {
  return {
    [PREPROCESS_META.input_shape]: JSON.stringify(p.input_shape),
    [PREPROCESS_META.mean]: JSON.stringify(p.mean),
    [PREPROCESS_META.std]: JSON.stringify(p.std),
    [PREPROCESS_META.classes]: JSON.stringify(p.classes),
  };
}

const pyFloat = (v: number) => (Number.isInteger(v) ? `${v}.0` : String(v));
const pyTuple = (a: readonly string[]) => (a.length === 1 ? `(${a[0]},)` : `(${a.join(', ')})`);

/** The constants and preprocess() of model.py. */
export function preprocessPy(p: Preprocessing): string {
  const image = p.input_shape.length === 3 && (p.input_shape[0] === 1 || p.input_shape[0] === 3);
  const [c, h, w] = image ? p.input_shape : [0, 0, 0];
  const lines = [
    "# What the network was trained on: one sample's shape, the normalization and the class names.",
    `INPUT_SHAPE = ${pyTuple(p.input_shape.map(String))}`,
    `MEAN = ${p.mean ? pyTuple(p.mean.map(pyFloat)) : 'None'}`,
    `STD = ${p.std ? pyTuple(p.std.map(pyFloat)) : 'None'}`,
    `CLASSES = ${p.classes ? `[${p.classes.map(pyStr).join(', ')}]` : 'None'}`,
    '',
    '',
  ];
  if (!image) {
    return [
      ...lines,
      'def preprocess(x):',
      '    """A [F] or [N, F] float tensor (or list) -> the normalized [N, F] batch the model takes."""',
      '    x = torch.as_tensor(x, dtype=torch.float32)',
      '    if x.dim() == len(INPUT_SHAPE):',
      '        x = x.unsqueeze(0)',
      '    if MEAN is not None:',
      '        x = (x - torch.tensor(MEAN)) / torch.tensor(STD)',
      '    return x',
    ].join('\n');
  }
  return [
    ...lines,
    'def transform():',
    '    """The torchvision transform of one image, as the app prepared its training data:',
    `    ${c === 1 ? 'grey' : 'RGB'}, resized to ${h}x${w}, ToTensor() (pixels / 255), then Normalize(MEAN, STD)."""`,
    '    from torchvision import transforms',
    `    steps = [${c === 1 ? 'transforms.Grayscale(num_output_channels=1)' : 'transforms.Lambda(lambda im: im.convert("RGB"))'}, transforms.Resize((${h}, ${w})), transforms.ToTensor()]`,
    '    if MEAN is not None:',
    '        steps.append(transforms.Normalize(MEAN, STD))',
    '    return transforms.Compose(steps)',
    '',
    '',
    'def preprocess(image):',
    '    """An image (a file path, a PIL image, or a uint8 array [H, W] / [H, W, C] of raw pixels)',
    '    -> the [1, C, H, W] float batch the model takes. Apply it to raw images, never to normalized ones."""',
    '    from PIL import Image',
    '    if isinstance(image, (str, os.PathLike)):',
    '        image = Image.open(image)',
    '    elif not isinstance(image, Image.Image):',
    '        import numpy as np',
    '        image = Image.fromarray(np.asarray(image, dtype=np.uint8))',
    '    return transform()(image).unsqueeze(0)',
  ].join('\n');
}
