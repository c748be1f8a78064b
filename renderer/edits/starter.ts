import { getLayer } from '../../app/layers/registry';

/** Values for required parameters of a freshly dropped layer (those PyTorch has no default for). */
const STARTER: Record<string, unknown> = {
  out_channels: 16,
  kernel_size: 3,
  out_features: 10,
  output_size: 1,
  shape: [1, 28, 28],
  size: 5,
  scale_factor: 2,
  padding: 1,
  normalized_shape: 10,
  num_groups: 2,
  groups: 2,
  upscale_factor: 2,
  dims: [0, 2, 3, 1],
  dim: 1,
  unflattened_size: [2, -1],
  split_size_or_sections: 2,
  chunks: 2,
};

/** Parameters of a new node: only what the schema requires, filled from STARTER; the rest stay PyTorch's defaults. */
export function starterParams(type: string): Record<string, unknown> {
  const spec = getLayer(type);
  if (!spec) return {};
  const parsed = spec.schema.safeParse({});
  if (parsed.success) return {};
  const params: Record<string, unknown> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (key in STARTER) params[key] = STARTER[key];
  }
  return params;
}
