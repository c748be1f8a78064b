/** The module tree as PyTorch shows it: see tree.ts for the rules. */
export { buildModuleTree, containerClassName, isRegisteredModule, type ModuleEntry, type ModuleTree } from './tree';
export {
  children,
  countParameters,
  modules,
  namedBuffers,
  namedModules,
  namedParameters,
  stateDictEntries,
  type NamedTensor,
  type StateDictEntry,
} from './query';
export { reprLineCount, reprList, reprModel, reprModule } from './repr';
export {
  batchShape,
  compactJson,
  errorJson,
  inspectReport,
  summaryTable,
  thousands,
  type InspectNode,
  type InspectReport,
} from './report';
export { assignChildNames, baseName, snakeCase } from './naming';
