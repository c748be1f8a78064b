/**
 * Inference-only rewrite of a saved model.json topology to tfjs's built-in layers where the
 * project's custom layers compute the same thing at inference: TorchBatchNorm (with running
 * stats) -> BatchNormalization, TorchDropout -> Dropout (the layers differ only in training).
 * The weights file is unchanged (same names and order). Returns the class names still custom
 * (the loader must register them with `customLayers(tf)`; empty = loads in plain TensorFlow.js).
 */
type Json = Record<string, unknown>;

const defined = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function rewriteLayer(layer: Json): void {
  const cfg = (layer.config ?? {}) as Json;
  if (layer.class_name === 'TorchBatchNorm' && cfg.track_running_stats !== false) {
    layer.class_name = 'BatchNormalization';
    layer.config = defined({
      name: cfg.name,
      trainable: cfg.trainable,
      dtype: cfg.dtype,
      axis: cfg.axis,
      momentum: cfg.momentum === null ? 0.99 : 1 - Number(cfg.momentum ?? 0.1),
      epsilon: cfg.eps,
      center: cfg.affine !== false,
      scale: cfg.affine !== false,
    });
  } else if (layer.class_name === 'TorchDropout') {
    layer.class_name = 'Dropout';
    layer.config = defined({ name: cfg.name, trainable: cfg.trainable, dtype: cfg.dtype, rate: cfg.rate });
  }
}

export function toPlainTopology(modelTopology: Json): { topology: Json; custom: string[] } {
  const topology = JSON.parse(JSON.stringify(modelTopology)) as Json;
  const config = ((topology.model_config as Json | undefined)?.config ?? topology.config) as Json | undefined;
  const layers = (config?.layers ?? []) as Json[];
  const custom = new Set<string>();
  for (const l of layers) {
    rewriteLayer(l);
    if (typeof l.class_name === 'string' && l.class_name.startsWith('Torch')) custom.add(l.class_name);
  }
  return { topology, custom: [...custom].sort() };
}
