// Starts the dataset-loading worker through tsx (the host runs TypeScript sources directly).
import { register } from 'tsx/esm/api';

register();
await import('./load-worker.ts');
