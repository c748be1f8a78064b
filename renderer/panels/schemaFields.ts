import type { z } from 'zod';

/** How the inspector draws one parameter, read off the layer's zod schema. */
export type FieldKind =
  | { kind: 'boolean' }
  | { kind: 'enum'; options: string[] }
  | { kind: 'text'; nullable: boolean; allowsPair: boolean; words: string[] };

export interface FieldInfo {
  name: string;
  field: FieldKind;
  /** The schema's own words for a valid value ("must be a positive integer or a pair"). */
  hint?: string;
  hasDefault: boolean;
  defaultValue?: unknown;
}

interface Def {
  type: string;
  innerType?: Schema;
  defaultValue?: unknown;
  shape?: Record<string, Schema>;
  options?: Schema[];
  entries?: Record<string, string>;
  values?: unknown[];
}
interface Schema {
  _zod: { def: Def };
  description?: string;
}

const def = (s: Schema): Def => s._zod.def;

/** Fields of an object schema in declaration order; unknown schema forms become free text. */
export function describeFields(schema: z.ZodType): FieldInfo[] {
  const shape = def(schema as unknown as Schema).shape;
  if (!shape) return [];
  return Object.entries(shape).map(([name, s]) => {
    let cur: Schema = s;
    let hint = cur.description;
    let hasDefault = false;
    let defaultValue: unknown;
    let nullable = false;
    for (;;) {
      const d = def(cur);
      if (d.type === 'default' || d.type === 'prefault') {
        hasDefault = true;
        defaultValue = d.defaultValue;
      } else if (d.type === 'nullable' || d.type === 'optional') nullable = true;
      else break;
      if (!d.innerType) break;
      cur = d.innerType;
      hint = hint ?? cur.description;
    }
    return { name, field: kindOf(cur, nullable), hint, hasDefault, defaultValue };
  });
}

function kindOf(s: Schema, nullable: boolean): FieldKind {
  const d = def(s);
  if (d.type === 'boolean') return { kind: 'boolean' };
  if (d.type === 'enum' && d.entries && !nullable) return { kind: 'enum', options: Object.values(d.entries) };
  const words: string[] = [];
  let allowsPair = false;
  const visit = (x: Schema) => {
    const xd = def(x);
    if (xd.type === 'tuple') allowsPair = true;
    if (xd.type === 'enum' && xd.entries) words.push(...Object.values(xd.entries));
    if (xd.type === 'literal' && xd.values) words.push(...xd.values.filter((v): v is string => typeof v === 'string'));
    if (xd.type === 'union') xd.options?.forEach(visit);
    if ((xd.type === 'nullable' || xd.type === 'default' || xd.type === 'optional') && xd.innerType)
      visit(xd.innerType);
  };
  visit(s);
  return { kind: 'text', nullable, allowsPair, words };
}

/** Text as typed -> the value to validate: `5` -> 5, `5, 3` or `[5, 3]` or `(5, 3)` -> [5, 3], `same` -> 'same', empty -> null. */
export function parseFieldText(text: string, field: FieldKind): unknown {
  const t = text.trim();
  if (field.kind !== 'text') return t;
  if (t === '' || t === 'None' || t === 'null') return field.nullable ? null : undefined;
  const stripped = t.replace(/^[[(]\s*|\s*[\])]$/g, '');
  if (stripped.includes(',')) {
    const parts = stripped
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    return parts.map((p) => (isNumber(p) ? Number(p) : p));
  }
  if (isNumber(t)) return Number(t);
  if (t === 'True' || t === 'true') return true;
  if (t === 'False' || t === 'false') return false;
  return t.replace(/^['"]|['"]$/g, '');
}

/** A value -> the text shown in its field (`[5, 5]` -> `5, 5`). */
export function formatFieldValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

const isNumber = (p: string) => /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(p);
