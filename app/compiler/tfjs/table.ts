/** One conversion per layer kind, keyed by the PyTorch type name the registry uses (from app/layers/<kind>/tfjs.ts). */
import { TARGETS } from '../../layers/targets';
import type { Converter } from './converter';

export const CONVERTERS: Readonly<Record<string, Converter>> = Object.fromEntries(TARGETS.map((t) => [t.type, t.tfjs]));
