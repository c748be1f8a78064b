import type { OnnxImport } from '../../importers/kind-import';
import { err, ok } from '../../result';

/** Add and Sum of data values (one value is a pass-through). */
export const onnxImport: OnnxImport = {
  ops: ['Add', 'Sum'],
  convert({ ins, dataCount }) {
    if (dataCount !== ins.length) return err('adding a constant is not imported');
    return ok(dataCount === 1 ? 'input' : { type: 'Add', params: {} });
  },
};
