/** Exports, imports and predictions for the host (main/node/host) and the CLI. */
export {
  EXPORT_FORMATS,
  exportProject,
  runGraph,
  type ExportFormat,
  type ExportOptions,
  type ExportResult,
} from './export';
export { openBundle, writeBundle } from './bundle';
export { importModelFile, writeImported } from './import';
export { predictRun, type Prediction } from './predict';
export { loadTfjsFolder } from './tfjs';
