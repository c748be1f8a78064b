/**
 * Safe Python text for values taken from a project. Nothing from a project file reaches the
 * generated code except through these functions: names become identifiers only when they pass
 * `isPyIdentifier`, everything else becomes an escaped string literal (`pyStrLiteral`), which
 * can hold any text and never ends early. Comments never carry project text.
 */

const KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if ' +
    'import in is lambda nonlocal not or pass raise return try while with yield match case _ print type'
  ).split(' '),
);

/** An ASCII Python identifier that is not a keyword (nor a soft keyword or a builtin we rely on). */
export function isPyIdentifier(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !KEYWORDS.has(s);
}

/** A name usable as `self.name`: an identifier Python does not mangle inside a class (`__x` becomes `_Cls__x`). */
export function isPlainAttr(s: string): boolean {
  return isPyIdentifier(s) && !s.startsWith('__');
}

/** A Python str literal for any JS string: single quotes, everything outside printable ASCII escaped. */
export function pyStrLiteral(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x100) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}'`;
}

/** Attributes every nn.Module / nn.Sequential already has: add_module refuses them as child names. */
const MODULE_ATTRS = new Set(
  (
    'T_destination _apply _backward_hooks _buffers _call_impl _forward_hooks _forward_pre_hooks _get_backward_hooks ' +
    '_get_item_by_idx _get_name _is_full_backward_hook _load_from_state_dict _load_state_dict_post_hooks ' +
    '_load_state_dict_pre_hooks _maybe_warn_non_full_backward_hook _modules _named_members _non_persistent_buffers_set ' +
    '_parameters _register_load_state_dict_pre_hook _register_state_dict_hook _replicate_for_data_parallel ' +
    '_save_to_state_dict _slow_forward _state_dict_hooks _version add_module append apply bfloat16 buffers children cpu ' +
    'cuda double dump_patches eval extend extra_repr float forward get_buffer get_extra_state get_parameter get_submodule ' +
    'half insert ipu load_state_dict modules named_buffers named_children named_modules named_parameters parameters pop ' +
    'register_backward_hook register_buffer register_forward_hook register_forward_pre_hook register_full_backward_hook ' +
    'register_load_state_dict_post_hook register_module register_parameter requires_grad_ set_extra_state share_memory ' +
    'state_dict to to_empty train training type xpu zero_grad'
  ).split(' '),
);

/** Why PyTorch would refuse this child module name (`add_module`), or undefined when it is fine. */
export function childNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.includes('.')) return 'contains "." (PyTorch uses dots to join module paths)';
  if (MODULE_ATTRS.has(name) || /^__\w*__$/.test(name)) return 'is already an attribute of every nn.Module';
  return undefined;
}

/** Names the generated file defines or imports at top level; classes must not take them. */
export const RESERVED_TOP = new Set([
  'torch',
  'nn',
  'F',
  'OrderedDict',
  'json',
  'struct',
  'os',
  'load',
  'load_state_dict_file',
  'MODEL_CLASS',
  'INPUT_SHAPES',
  'main',
  'math',
  'np',
  'sys',
  'Module',
  'Sequential',
  'Tensor',
  'object',
  'super',
  'tuple',
  'list',
  'dict',
  'int',
  'str',
]);

/** A Python class name for `wanted`: itself when safe and free, else a sanitized unique one. */
export function pyClassName(wanted: string, used: Set<string>): string {
  let base = wanted.replace(/[^A-Za-z0-9_]/g, '_');
  // Class names start with a capital (after at most one underscore): never a keyword, `self`, a local
  // variable or an __init__ parameter (all lower case), never name-mangled (`__x`).
  if (!/^_?[A-Z]/.test(base)) base = `M${base}`;
  if (!isPyIdentifier(base)) base = `${base}_`;
  let name = base;
  for (let i = 2; used.has(name) || RESERVED_TOP.has(name); i++) name = `${base}_${i}`;
  used.add(name);
  return name;
}

/** Python's repr of a float, as PyTorch prints it; integral values get `.0`. */
import { pyFloat } from '../../layers/pyrepr';

export { pyFloat };

/** Python text for one parameter value. */
export function pyValue(v: unknown, float: boolean): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return float ? `float(${pyStrLiteral(String(v).replace('Infinity', 'inf'))})` : 'None';
    return float ? pyFloat(v) : Number.isInteger(v) ? String(v) : pyFloat(v);
  }
  if (typeof v === 'string') return pyStrLiteral(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => pyValue(x, float));
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  return 'None';
}
