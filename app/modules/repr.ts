/**
 * `print(model)`: PyTorch 1.13's `nn.Module.__repr__`, character for character.
 * A layer prints its registry text (its extra_repr in PyTorch); a container prints
 * `Name(` + one `(name): child` line per child, indented by two spaces, + `)`; an empty
 * container prints `Name()`. Lists print as Python prints a list of modules.
 *
 * PyTorch builds the text recursively with `_addindent`; here the same lines are emitted in one
 * iterative pass with absolute indentation (2 spaces per level), so modules nested thousands of
 * levels deep neither overflow the stack nor cost quadratic re-indenting.
 */
import type { ModuleEntry, ModuleTree } from './tree';

type Frame = { entry: ModuleEntry; depth: number; prefix: string } | { close: number };

/** `repr(module)`. */
export function reprModule(module: ModuleEntry): string {
  const lines: string[] = [];
  const stack: Frame[] = [{ entry: module, depth: 0, prefix: '' }];
  while (stack.length > 0) {
    const f = stack.pop() as Frame;
    if ('close' in f) {
      lines.push(`${'  '.repeat(f.close)})`);
      continue;
    }
    const pad = '  '.repeat(f.depth);
    const m = f.entry;
    if (m.kind === 'layer' && m.layerRepr !== undefined) {
      // _addindent: a multi-line child text gets its later lines indented with the child.
      const [first, ...rest] = m.layerRepr.split('\n');
      lines.push(`${pad}${f.prefix}${first}`, ...rest.map((l) => `${pad}${l}`));
    } else if (m.children.length === 0) {
      lines.push(`${pad}${f.prefix}${m.className}()`);
    } else {
      lines.push(`${pad}${f.prefix}${m.className}(`);
      stack.push({ close: f.depth });
      for (let i = m.children.length - 1; i >= 0; i--) {
        const c = m.children[i];
        stack.push({ entry: c, depth: f.depth + 1, prefix: `(${c.name}): ` });
      }
    }
  }
  return lines.join('\n');
}

/** The exact text of `print(model)` (without the trailing newline print adds). */
export function reprModel(tree: ModuleTree): string {
  return reprModule(tree.root);
}

/** `print(list_of_modules)`: Python's list repr `[a, b]` of the modules' reprs. */
export function reprList(list: readonly ModuleEntry[]): string {
  return `[${list.map(reprModule).join(', ')}]`;
}

/** Number of lines `reprModule(m)` prints, without building it (to bound huge listings). */
export function reprLineCount(module: ModuleEntry): number {
  let n = 0;
  const stack = [module];
  while (stack.length > 0) {
    const m = stack.pop() as ModuleEntry;
    if (m.kind === 'layer' && m.layerRepr !== undefined) n += m.layerRepr.split('\n').length;
    else if (m.children.length === 0) n += 1;
    else {
      n += 2;
      stack.push(...m.children);
    }
  }
  return n;
}
