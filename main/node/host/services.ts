/** Builds the host services for a data folder and a path policy. */
import { recoverExports } from '../export/commit';
import pkg from '../../../package.json' with { type: 'json' };
import { Autosaves } from './autosave';
import { PathPolicy } from './paths';
import { RecentFiles } from './recent';
import { appTemplates } from './templates';
import type { HostServices } from './types';

export const NETLOOM_VERSION: string = pkg.version;

export interface ServiceOptions {
  kind: 'electron' | 'web';
  dataDir: string;
  paths: PathPolicy;
  /** Called after a project was opened or saved (the desktop app rebuilds its Open Recent menu). */
  onRecentChange?: (entries: { path: string; name: string }[]) => void;
}

export function createServices(opts: ServiceOptions): HostServices {
  // An export killed in an earlier session is finished or dropped before this one starts.
  recoverExports();
  return {
    kind: opts.kind,
    version: NETLOOM_VERSION,
    paths: opts.paths,
    recent: new RecentFiles(opts.dataDir, opts.onRecentChange),
    autosaves: new Autosaves(opts.dataDir),
    templates: appTemplates,
  };
}
