/** Graph -> TensorFlow.js, PyTorch semantics. See compile.ts and statedict.ts. */
export { compileGraph, type CompiledModel, type CompileOptions, type NodeBindings } from './compile';
export { CONVERTERS } from './table';
export { defaultNamer, getStateDict, setStateDict, type StateEntry, type Namer } from './statedict';
export { torchNamer } from './names';
export { registryParams } from './registry-params';
export { customLayers } from './custom';
export { toPlainTopology } from './plain';
export type { Tf } from './tf';
