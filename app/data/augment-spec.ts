/**
 * The text form of an augmentation, for the CLI and settings: comma-separated items
 * `flip`, `vflip`, `rotate=DEG`, `scale=LO-HI`, `crop=PAD`, `noise=STD`, each optionally `@P`
 * (probability; default 0.5 for flips, 1 for the rest). Example: `flip,rotate=15,crop=4,noise=0.05@0.5`.
 */
import { err, ok, type Result } from '../result';
import type { AugmentSpec } from './augment';

export const AUGMENT_HELP =
  'flip, vflip, rotate=DEG, scale=LO-HI, crop=PAD, noise=STD, each optionally @P (probability)';

export function parseAugment(text: string): Result<AugmentSpec> {
  const spec: AugmentSpec = {};
  for (const raw of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [body, pText] = raw.split('@');
    const [name, value] = body.split('=');
    const p = pText === undefined ? undefined : Number(pText);
    if (p !== undefined && !(p >= 0 && p <= 1))
      return err(`augment '${raw}': the probability after @ must be between 0 and 1.`);
    const num = Number(value);
    const needs = (what: string) =>
      err(
        `augment '${raw}': ${name} needs ${what} (e.g. ${name}=${what === 'a range LO-HI' ? '0.9-1.1' : '4'}). Known: ${AUGMENT_HELP}.`,
      );
    switch (name) {
      case 'flip':
      case 'hflip':
        spec.hflip = p ?? 0.5;
        break;
      case 'vflip':
        spec.vflip = p ?? 0.5;
        break;
      case 'rotate':
        if (!(num > 0 && num <= 180)) return needs('degrees in (0, 180]');
        spec.rotate = { degrees: num, p };
        break;
      case 'scale': {
        const m = /^([\d.]+)-([\d.]+)$/.exec(value ?? '');
        const lo = m ? Number(m[1]) : NaN;
        const hi = m ? Number(m[2]) : NaN;
        if (!(lo > 0 && hi >= lo)) return needs('a range LO-HI');
        spec.scale = { min: lo, max: hi, p };
        break;
      }
      case 'crop':
        if (!(Number.isInteger(num) && num > 0)) return needs('a padding in pixels');
        spec.crop = { padding: num, p };
        break;
      case 'noise':
        if (!(num > 0)) return needs('a standard deviation');
        spec.noise = { std: num, p };
        break;
      default:
        return err(`augment '${raw}' is not known. Known: ${AUGMENT_HELP}.`);
    }
  }
  return ok(spec);
}
