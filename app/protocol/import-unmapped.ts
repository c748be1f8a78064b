/**
 * Part of the `import.file` contract (export.ts): the words of the import error for an ONNX
 * operator without a Netloom kind (app/importers/onnx.ts). The GUI's File > Import recognizes it
 * by them and offers to import the rest with placeholders (`partial`, as `netloom import
 * --partial`), without loading the importer into the renderer.
 */
export const UNMAPPED_OPERATOR = 'unsupported operator';

/** Whether an import error is the one of an unmapped ONNX operator (so `partial` would import the rest). */
export function isUnmappedOperatorError(message: string): boolean {
  return message.includes(`: ${UNMAPPED_OPERATOR} `);
}

/** The error without the list of everything Netloom imports (the operator, its node and the closest kinds). */
export function unmappedHead(message: string): string {
  return message.replace(/: Netloom imports [\s\S]*$/, '');
}
