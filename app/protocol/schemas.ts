/**
 * Value schemas shared by the channels of the host contract. Sizes are bounded so that a
 * request can never ask the host to allocate or write something absurd.
 */
import { z } from 'zod';

/** A project file is at most 64 MiB of JSON text. */
export const MAX_PROJECT_TEXT = 64 * 1024 * 1024;
export const MAX_PATH = 4096;

export const FilePath = z
  .string()
  .min(1)
  .max(MAX_PATH)
  .refine((p) => !p.includes('\0'), 'a path cannot contain NUL');
export const ProjectText = z.string().max(MAX_PROJECT_TEXT);
/** Identifies an unsaved document for autosave: a saved path, or `untitled:<uuid>`. */
export const ProjectKey = z
  .string()
  .min(1)
  .max(MAX_PATH + 16);

export const Empty = z.object({}).strict();
export const Ack = z.object({ ok: z.literal(true) });

export const Backend = z.enum(['webgpu', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);

export const AppInfo = z.object({
  name: z.literal('netloom'),
  version: z.string(),
  platform: z.enum(['linux', 'darwin', 'win32', 'other']),
  /** Which host runs the handlers. */
  host: z.enum(['electron', 'web']),
  electron: z.boolean(),
  /** The tfjs backends that load on this machine, fastest first. */
  backends: z.array(z.object({ name: Backend, available: z.boolean(), reason: z.string().optional() })),
  /** The folder the web host serves (web host only). */
  workspace: z.string().optional(),
});

export const FileFilter = z.object({
  name: z.string().max(100),
  extensions: z
    .array(
      z
        .string()
        .max(20)
        .regex(/^[A-Za-z0-9*]+$/),
    )
    .max(20),
});

export const OpenDialogOptions = z
  .object({
    title: z.string().max(200).optional(),
    filters: z.array(FileFilter).max(10).optional(),
  })
  .strict();

export const SaveDialogOptions = z
  .object({
    title: z.string().max(200).optional(),
    /** A file name (no folders) proposed to the person. */
    suggestedName: z.string().max(255).optional(),
    filters: z.array(FileFilter).max(10).optional(),
  })
  .strict();

/** The person's choice in a dialog, or null when they cancelled. */
export const Chosen = z.object({ path: FilePath }).nullable();

export const OpenedProject = z.object({ path: FilePath, name: z.string(), text: ProjectText });
export const SavedProject = z.object({ path: FilePath, name: z.string(), bytes: z.number().int().nonnegative() });

export const RecentEntry = z.object({ path: FilePath, name: z.string(), openedAt: z.string() });

export const AutosaveEntry = z.object({
  projectKey: ProjectKey,
  /** The saved file the autosave belongs to, if any. */
  path: FilePath.optional(),
  savedAt: z.string(),
  bytes: z.number().int().nonnegative(),
});

export const TemplateInfo = z.object({ name: z.string(), description: z.string() });

export const DirEntry = z.object({ name: z.string(), kind: z.enum(['dir', 'file']) });
export const DirListing = z.object({
  /** Path relative to the workspace, '' for the workspace itself. */
  dir: z.string(),
  root: z.string(),
  entries: z.array(DirEntry),
});

export const DocumentState = z
  .object({
    dirty: z.boolean(),
    /** Shown in the window title ("LeNet5.netloom.json"). */
    title: z.string().max(300),
    path: FilePath.optional(),
    /** The autosave key of the document: the desktop app discards its recovery file when the person closes without saving. */
    projectKey: ProjectKey.optional(),
  })
  .strict();
