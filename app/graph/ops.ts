/**
 * Pure edit operations on the Graph document (one concern per file, re-exported here). Each
 * returns a new Graph that shares unchanged nodes, edges and modules with the old one (the same
 * Graph object when nothing changed), or a Result whose error says why the edit was refused.
 * New ids come from an optional injected IdSource, else the smallest free `<prefix>_<n>`.
 */
export { addNode, removeNodes, moveNodes, setParams, renameNode } from './ops-nodes';
export { canConnect, connect, disconnect, reaches } from './ops-edges';
export {
  group,
  ungroup,
  renameModule,
  setModuleClass,
  setCollapsed,
  suggestModuleName,
  moduleNodeIds,
  type GroupOptions,
} from './ops-modules';
export { copy, paste, duplicate, type Fragment, type PasteResult } from './ops-clipboard';
export { insertOnEdge, insertBefore, replaceNode, applyFix } from './ops-insert';
export { sequentialIds, type IdSource } from './ids';
