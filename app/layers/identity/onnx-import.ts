import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

/** nn.Identity as Netloom exports it (declared at this scope); otherwise a pass-through. Identity copies of constants are constants. */
export const onnxImport: OnnxImport = {
  ops: ['Identity'],
  convert: ({ declaredType }) => ok(declaredType === 'Identity' ? { type: 'Identity', params: {} } : 'input'),
};
