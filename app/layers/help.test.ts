import { describe, expect, it } from 'vitest';
import { LAYERS } from './registry';

/** The parameter names of a kind, read from its zod schema (what the inspector's form shows). */
const paramNames = (schema: unknown): string[] =>
  Object.keys((schema as { shape?: Record<string, unknown> }).shape ?? {});

describe('every layer kind brings its own help for learners', () => {
  it.each(LAYERS.map((s) => [s.type, s] as const))('%s explains itself and each of its parameters', (_type, spec) => {
    expect(spec.help, `${spec.type} has no help: add help: { summary, params } to its spec`).toBeDefined();
    expect(spec.help.summary.length, `${spec.type}: the help summary is too short to explain anything`).toBeGreaterThan(
      60,
    );
    for (const name of paramNames(spec.schema)) {
      const text = spec.help.params[name];
      expect(text, `${spec.type}.${name} has no help sentence`).toBeTypeOf('string');
      expect(text.length, `${spec.type}.${name}: the help sentence is too short`).toBeGreaterThan(20);
    }
    // No help for parameters the kind does not have (a renamed parameter leaves none behind).
    expect(Object.keys(spec.help.params).filter((k) => !paramNames(spec.schema).includes(k))).toEqual([]);
  });

  it('names the course concepts where they apply', () => {
    const help = (type: string) => LAYERS.find((s) => s.type === type)?.help;
    expect(help('Dropout')?.summary).toMatch(/overfitting/);
    expect(help('BatchNorm2d')?.summary).toMatch(/eval\(\)/);
    expect(help('BatchNorm2d')?.summary).toMatch(/running/);
    expect(help('Conv2d')?.params.padding).toMatch(/kernel_size/);
    expect(help('Conv2d')?.summary).toMatch(/floor\(\(H \+ 2\*padding/);
  });
});
