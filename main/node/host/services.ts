/** Builds the host services for a data folder and a path policy. */
import pkg from '../../../package.json' with { type: 'json' };
import { Autosaves } from './autosave';
import { PathPolicy } from './paths';
import { RecentFiles } from './recent';
import { appTemplates } from './templates';
import type { HostServices } from './types';

export const NETLOOM_VERSION: string = pkg.version;

export function createServices(opts: { kind: 'electron' | 'web'; dataDir: string; paths: PathPolicy }): HostServices {
  return {
    kind: opts.kind,
    version: NETLOOM_VERSION,
    paths: opts.paths,
    recent: new RecentFiles(opts.dataDir),
    autosaves: new Autosaves(opts.dataDir),
    templates: appTemplates,
  };
}
