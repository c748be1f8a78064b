/**
 * The layer reference of docs/guide/layers.md and the layer table of docs/FORMAT.md, generated
 * from the registry (app/layers/registry.ts): each kind's PyTorch name, palette group, inputs,
 * parameters with their defaults, and its description. `npm run docs:layers` rewrites the parts
 * between the markers; scripts/docs/layer-docs.test.ts fails when they are stale.
 */
import type { z } from 'zod';
import { LAYERS } from '../../app/layers/registry';
import type { AnyLayerSpec } from '../../app/layers/spec';

export const BEGIN = '<!-- generated from app/layers/registry.ts by `npm run docs:layers`: do not edit -->';
export const END = '<!-- end of generated layer table -->';

const code = (s: string) => `\`${s}\``;

/** `name = default` for each parameter (PyTorch's default as JSON), `name` alone where it is required. */
function params(spec: AnyLayerSpec): string {
  const shape = (spec.schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  const parts = Object.entries(shape).map(([name, field]) => {
    const d = field.safeParse(undefined);
    const inferred = (spec.inferred ?? []).includes(name) ? ' (inferred)' : '';
    return d.success ? code(`${name}=${JSON.stringify(d.data)}`) + inferred : code(name) + inferred;
  });
  return parts.length ? parts.join(', ') : 'none';
}

const inputs = (s: AnyLayerSpec) =>
  s.inputs.max === Infinity
    ? `${s.inputs.min}+`
    : s.inputs.min === s.inputs.max
      ? String(s.inputs.min)
      : `${s.inputs.min}-${s.inputs.max}`;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/guide/layers.md: every kind with its group, inputs, parameters and description. */
export function layerReference(): string {
  const rows = LAYERS.map(
    (s) => `| ${code(s.type)} | ${s.category} | ${inputs(s)} | ${cell(params(s))} | ${cell(s.description)} |`,
  );
  return [
    '| kind | group | inputs | parameters (PyTorch names, `=` default) | what it computes |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** docs/FORMAT.md: the `type` values a node may have and the `params` each takes. */
export function formatTable(): string {
  const rows = LAYERS.map((s) => `| ${code(s.type)} | ${cell(params(s))} |`);
  return [
    '| `type` | `params` (left-out ones take the default after `=`; inferred ones may be left out) |',
    '| --- | --- |',
    ...rows,
  ].join('\n');
}

/** The text with the part between the markers replaced, or an error when the markers are missing. */
export function splice(text: string, generated: string, file: string): string {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file}: the markers of the generated layer table are missing`);
  return `${text.slice(0, a + BEGIN.length)}\n${generated}\n${text.slice(b)}`;
}

export const DOCS: [string, () => string][] = [
  ['docs/guide/layers.md', layerReference],
  ['docs/FORMAT.md', formatTable],
];
