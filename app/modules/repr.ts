/**
 * `print(model)`: PyTorch 1.13's `nn.Module.__repr__`, character for character.
 * A layer prints its registry text (its extra_repr in PyTorch); a container prints
 * `Name(` + one `(name): child` line per child, indented by two spaces, + `)`; an empty
 * container prints `Name()`. Lists print as Python prints a list of modules.
 */
import type { ModuleEntry, ModuleTree } from './tree';

/** torch.nn.modules.module._addindent: indent every line but the first. */
function addIndent(text: string, spaces: number): string {
  const lines = text.split('\n');
  if (lines.length === 1) return text;
  const pad = ' '.repeat(spaces);
  return [lines[0], ...lines.slice(1).map((l) => pad + l)].join('\n');
}

/** `repr(module)`. */
export function reprModule(m: ModuleEntry): string {
  if (m.kind === 'layer') {
    if (m.layerRepr !== undefined) return m.layerRepr;
  }
  if (m.children.length === 0) return `${m.className}()`;
  const lines = m.children.map((c) => `(${c.name}): ${addIndent(reprModule(c), 2)}`);
  return `${m.className}(\n  ${lines.join('\n  ')}\n)`;
}

/** The exact text of `print(model)` (without the trailing newline print adds). */
export function reprModel(tree: ModuleTree): string {
  return reprModule(tree.root);
}

/** `print(list_of_modules)`: Python's list repr `[a, b]` of the modules' reprs. */
export function reprList(list: readonly ModuleEntry[]): string {
  return `[${list.map(reprModule).join(', ')}]`;
}
