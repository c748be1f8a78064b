/**
 * What both PyTorch code readers produce, and the only thing the graph builder reads: the module
 * tree in named_modules() order and forward's calls in torch.fx's terms. The trace reader
 * (main/node/pyimport/trace_module.py, run by the user's Python) writes it as JSON, validated
 * here; the static reader (./static) builds it from the parsed source. Nothing in it is evaluated.
 */
import { z } from 'zod';

/** An argument: a literal, a list or tuple, a reference to an earlier call's value, or the repr of something else. */
export type PyArg = null | boolean | number | string | PyArg[] | { ref: string } | { repr: string };

export const pyArgSchema: z.ZodType<PyArg> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(pyArgSchema),
    z.strictObject({ ref: z.string() }),
    z.strictObject({ repr: z.string() }),
  ]),
);

const moduleSchema = z.strictObject({
  /** Dotted path from the root ('' is the root), as named_modules() gives it. */
  path: z.string().max(1000),
  className: z.string().min(1).max(200),
  /** `layer`: a standard torch.nn module called as a leaf; the others are containers. */
  kind: z.enum(['layer', 'Sequential', 'Module']),
  /** A layer's constructor arguments by name (those that differ from the defaults). */
  args: z.record(z.string(), pyArgSchema),
  /** Where it was written (`model.py:12:9`), for messages. */
  where: z.string().optional(),
});

const nodeSchema = z.strictObject({
  /** Unique name other nodes refer to with `{ ref }`. */
  name: z.string().min(1).max(200),
  op: z.enum(['placeholder', 'call_module', 'call_function', 'call_method', 'get_attr', 'output']),
  /** Module path (call_module), qualified function name (`torch.nn.functional.relu`, `operator.add`), or method name (`view`). */
  target: z.string().max(1000),
  args: z.array(pyArgSchema),
  kwargs: z.record(z.string(), pyArgSchema),
  /** Path of the module whose forward made the call ('' = the root's). */
  scope: z.string().max(1000),
  where: z.string().optional(),
});

export const pyModelSchema = z.strictObject({
  source: z.enum(['trace', 'static']),
  /** The root module's class name. */
  name: z.string().min(1).max(200),
  modules: z.array(moduleSchema).max(100_000),
  nodes: z.array(nodeSchema).max(200_000),
  /** sum(p.numel() for p in model.parameters()) where the reader knows it. */
  parameters: z.number().int().nonnegative().optional(),
});

export type PyModule = z.infer<typeof moduleSchema>;
export type PyNode = z.infer<typeof nodeSchema>;
export type PyModel = z.infer<typeof pyModelSchema>;

/** The trace helper's answer: a model, or one line saying what went wrong. */
export const traceAnswerSchema = z.union([pyModelSchema, z.strictObject({ error: z.string() })]);

export const isRef = (a: PyArg | undefined): a is { ref: string } =>
  a !== null && typeof a === 'object' && !Array.isArray(a) && 'ref' in a;
