/**
 * The export part of the host contract: `export.run` writes TensorFlow.js / ONNX / PyTorch files or a
 * project bundle (progress streams as `export.progress` events), `import.file` reads an ONNX file,
 * a Keras / TensorFlow.js model.json or a Netloom bundle and answers with project text, `import.code`
 * reads PyTorch code.
 */
import { z } from 'zod';
import { FilePath, ProjectText } from './schemas';

const channel = <A extends z.ZodType, R extends z.ZodType>(summary: string, args: A, result: R) => ({
  summary,
  args,
  result,
});

export const ExportFormatArg = z.enum(['tfjs', 'onnx', 'pytorch', 'bundle', 'all']);
export const ExportId = z.string().min(1).max(64);

export const exportChannels = {
  'export.run': channel(
    'export the project (its file, or its text) to tfjs / onnx / pytorch files, all three, or a bundle, into a folder the person chose',
    z
      .object({
        projectPath: FilePath.optional(),
        text: ProjectText.optional(),
        /** A run folder of the project: its weights (and the graph it was trained with); none: fresh weights. */
        runDir: FilePath.optional(),
        which: z.enum(['best', 'last']).default('best'),
        format: ExportFormatArg,
        outDir: FilePath,
        /** Tags the export.progress events of this export. */
        exportId: ExportId.optional(),
      })
      .strict(),
    z.object({ outDir: z.string(), files: z.array(z.string()), weights: z.string() }),
  ),
  'import.file': channel(
    'read an ONNX file, a Keras / TensorFlow.js model.json or a Netloom bundle as project text (a bundle is unpacked beside it); partial (ONNX): an operator without a kind becomes a placeholder, as netloom import --partial',
    z.object({ path: FilePath, partial: z.boolean().optional() }).strict(),
    z.object({
      projectText: ProjectText,
      name: z.string(),
      runDir: z.string().optional(),
      projectPath: z.string().optional(),
      /** With partial: one line per placeholder (its error), empty when every operator was mapped. */
      placeholders: z.array(z.string()).optional(),
    }),
  ),
  'import.code': channel(
    'read PyTorch code (a .py file, or pasted text) as project text: the static reader by default; with runCode, the person confirmed that their Python runs the code to trace it',
    z
      .object({
        path: FilePath.optional(),
        text: z.string().max(2_000_000).optional(),
        className: z.string().max(200).optional(),
        /** Constructor arguments as JSON text. */
        args: z.string().max(20_000).optional(),
        /** Per-sample input shape, [C, H, W] or [F]. */
        inputShape: z.array(z.number().int().positive().max(1_000_000)).min(1).max(4).optional(),
        runCode: z.boolean().default(false),
      })
      .strict(),
    z.object({
      projectText: ProjectText,
      name: z.string(),
      reader: z.enum(['static', 'trace']),
      notes: z.array(z.string()),
    }),
  ),
};

export const exportEvents = {
  /** One line of progress of an export.run. */
  'export.progress': z.object({ exportId: z.string(), message: z.string() }),
};
