/** `npm run layers:gen`: rewrites app/layers/targets-index.ts from app/layers/registry.ts (the docs follow in the npm script). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY_FILE, TARGETS_FILE, targetsIndex } from './kinds-index';

const root = join(import.meta.dirname, '..', '..');
const path = join(root, TARGETS_FILE);
const before = readFileSync(path, 'utf8');
const after = targetsIndex(readFileSync(join(root, REGISTRY_FILE), 'utf8'));
if (after !== before) writeFileSync(path, after);
console.log(`${TARGETS_FILE}: ${after === before ? 'up to date' : 'rewritten'}`);
