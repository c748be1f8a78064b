// Starts the TypeScript training worker through tsx (the CLI and dev host run TS sources directly).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
