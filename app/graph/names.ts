/** Python naming rules for module attribute names (`self.conv1`) and class names (`BasicBlock`). */

export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/**
 * Attributes every nn.Module already has: `add_module` refuses them, so a child may not be named so.
 * (A subset: the ones a person plausibly types.)
 */
export const NN_MODULE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'forward',
  'training',
  'parameters',
  'modules',
  'children',
  'buffers',
  'state_dict',
  'train',
  'eval',
  'to',
  'cuda',
  'cpu',
  'apply',
  'float',
  'double',
  'half',
  'type',
  'zero_grad',
  'register_buffer',
  'register_parameter',
  'add_module',
  'named_modules',
  'named_children',
  'named_parameters',
  'named_buffers',
  'load_state_dict',
  'extra_repr',
  'requires_grad_',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An identifier with hyphenated parts, as torchvision registers with add_module (RegNet's `block1-0`). */
const HYPHENATED = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)+$/;
const INDEX = /^(0|[1-9][0-9]{0,8})$/;

/** A Sequential index name: `0`, `1`, ... */
export function isIndexName(name: string): boolean {
  return INDEX.test(name);
}

/**
 * Why `name` cannot be a child's attribute name inside a module of this kind, or null when it can.
 * A `Module` child needs a Python identifier; a `Sequential` child may also be an index (`0`). A
 * hyphenated identifier (`block1-0`, registered with add_module and reached with getattr, as
 * torchvision's RegNet names its blocks) is accepted in both. The returned text says what to do.
 */
export function attributeNameProblem(name: string, parentKind: 'Sequential' | 'Module'): string | null {
  if (HYPHENATED.test(name) && name.length <= 100) return null;
  return classNameProblem(name, parentKind);
}

/** Why `name` cannot be a Python class name (or, given a parent kind, a plain attribute name), or null. */
export function classNameProblem(name: string, parentKind: 'Sequential' | 'Module' = 'Module'): string | null {
  const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
  if (name.length === 0) return 'empty name: give it a name such as conv1, or remove the field';
  if (name.length > 100) return `name ${shown} is longer than 100 characters: shorten it`;
  if (parentKind === 'Sequential' && isIndexName(name)) return null;
  if (PYTHON_KEYWORDS.has(name)) return `${shown} is a Python keyword: choose another name (such as ${name}_)`;
  if (NN_MODULE_ATTRIBUTES.has(name))
    return `${shown} is already an attribute of nn.Module: choose another name (such as ${name}_)`;
  if (!IDENTIFIER.test(name)) {
    const what = parentKind === 'Sequential' ? 'a Python identifier or an index (0, 1, ...)' : 'a Python identifier';
    return `${shown} is not ${what}: use letters, digits and _, not starting with a digit`;
  }
  return null;
}
