// Starts a TypeScript data-parallel helper through tsx (see grad-worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./grad-worker.ts');
