/**
 * Merging instances of one module class that differ only in numbers (channel counts, strides):
 * their integer literals become constructor parameters, named after the argument they fill
 * (`in_channels`, `out_channels`, `stride`), one parameter per distinct pattern of values.
 * String literals (module names) are never touched.
 */

const STRING = /'(?:[^'\\]|\\.)*'/g;
const INT = /(?<=[(,=\s[])-?\d+(?=[,)\]])/g;

export interface Slots {
  /** The text with each integer literal outside strings replaced by \u0002. */
  skeleton: string;
  values: number[];
  /** Character offset of each slot in the original text. */
  offsets: number[];
}

export function findSlots(text: string): Slots {
  const values: number[] = [];
  const offsets: number[] = [];
  let skeleton = '';
  let last = 0;
  const strings = [...text.matchAll(STRING)].map(
    (m) => [m.index as number, (m.index as number) + m[0].length] as const,
  );
  const inString = (i: number) => strings.some(([a, b]) => i >= a && i < b);
  for (const m of text.matchAll(INT)) {
    const at = m.index as number;
    if (inString(at)) continue;
    skeleton += `${text.slice(last, at)}\u0002`;
    last = at + m[0].length;
    values.push(Number(m[0]));
    offsets.push(at);
  }
  return { skeleton: skeleton + text.slice(last), values, offsets };
}

/** Argument names of positional arguments, per callee (`nn.Conv2d`, or a generated class). */
export type Signatures = Map<string, string[]>;

/** The name of the argument a slot fills: `kw=` before it, else the callee's positional name. */
export function slotName(text: string, offset: number, sigs: Signatures): string {
  const before = text.slice(Math.max(0, text.lastIndexOf('\n', offset) + 1), offset);
  const kw = /(\w+)=\(?(?:-?\d+, )*$/.exec(before);
  if (kw) return kw[1];
  // Walk back to the innermost open call, counting its top-level commas.
  let depth = 0;
  let commas = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const ch = before[i];
    if (ch === ')' || ch === ']') depth++;
    else if (ch === '(' || ch === '[') {
      if (depth === 0) {
        const callee = /([\w.]+)$/.exec(before.slice(0, i))?.[1] ?? '';
        return sigs.get(callee)?.[commas] ?? 'size';
      }
      depth--;
    } else if (ch === ',' && depth === 0) commas++;
  }
  return 'size';
}

export const NN_SIGNATURES: Signatures = new Map([
  ['nn.Conv2d', ['in_channels', 'out_channels']],
  ['nn.Linear', ['in_features', 'out_features']],
  ['nn.BatchNorm1d', ['num_features']],
  ['nn.BatchNorm2d', ['num_features']],
  ['nn.LocalResponseNorm', ['size']],
]);

export interface Merged {
  /** Parameter names in order. */
  params: string[];
  /** The class text with varying slots replaced by parameter names. */
  text: string;
  /** Per instance: the argument values, in parameter order. */
  args: number[][];
}

/** Merge instances (same skeleton) into one parametrized class text. */
export function mergeInstances(texts: string[], sigs: Signatures): Merged {
  const slots = texts.map(findSlots);
  const n = slots[0].values.length;
  const columns = new Map<string, number>();
  const params: string[] = [];
  const slotParam: (number | undefined)[] = [];
  for (let k = 0; k < n; k++) {
    const col = slots.map((s) => s.values[k]);
    if (col.every((v) => v === col[0])) continue;
    const key = col.join(',');
    let p = columns.get(key);
    if (p === undefined) {
      const base = slotName(texts[0], slots[0].offsets[k], sigs);
      let name = base;
      for (let i = 2; params.includes(name); i++) name = `${base}_${i}`;
      p = params.length;
      params.push(name);
      columns.set(key, p);
    }
    slotParam[k] = p;
  }
  let text = '';
  const first = slots[0];
  let last = 0;
  const src = texts[0];
  for (let k = 0; k < n; k++) {
    const at = first.offsets[k];
    const len = String(first.values[k]).length;
    text +=
      src.slice(last, at) + (slotParam[k] !== undefined ? params[slotParam[k] as number] : String(first.values[k]));
    last = at + len;
  }
  text += src.slice(last);
  const args = slots.map((s) => params.map((_, p) => s.values[slotParam.findIndex((q) => q === p)]));
  return { params, text, args };
}
