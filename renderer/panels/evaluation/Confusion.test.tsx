import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Confusion } from './Confusion';
import { FASHION_MNIST_CLASSES } from '../../../app/data/classes';

describe('confusion matrix', () => {
  it('writes every class name whole, in the column heads and the row heads ("Pullover", not "Pullove")', () => {
    const k = FASHION_MNIST_CLASSES.length;
    const matrix = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 90 : 1)));
    const html = renderToStaticMarkup(
      <Confusion classes={FASHION_MNIST_CLASSES} matrix={matrix} picked={null} onPick={() => {}} />,
    );
    const heads = [...html.matchAll(/<th[^>]*>(?:<span>)?([^<]*)/g)].map((m) => m[1]);
    for (const c of FASHION_MNIST_CLASSES) expect(heads.filter((h) => h === c).length, c).toBe(2);
  });
});
