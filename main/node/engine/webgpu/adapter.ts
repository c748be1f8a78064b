/**
 * What the training worker says about a WebGPU adapter, and whether the ladder may pick it.
 * Pure: takes the adapter's `info` and `limits` (a real Dawn adapter or an injected object), so
 * the selection rules are testable without a GPU.
 *
 * A software adapter (SwiftShader, Mesa's llvmpipe / lavapipe, Microsoft's WARP, anything Dawn
 * marks `isFallbackAdapter`) is never chosen automatically: it is slower than the wasm backend.
 * `--backend webgpu` forces it (that is how the tests run on a machine without a GPU).
 */

/** The subset of GPUAdapterInfo the report reads (Dawn 0.6 exposes these). */
export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** The limits that bound one tensor's buffer, and the workgroup limits tfjs asks for. */
export interface AdapterLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxComputeInvocationsPerWorkgroup: number;
}

export interface AdapterLike {
  info: AdapterInfoLike;
  limits: Partial<AdapterLimits> & object;
}

export type GraphicsApi = 'Vulkan' | 'Metal' | 'Direct3D 12';

export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** The system API Dawn drives on this platform. */
  api: GraphicsApi;
  software: boolean;
  /** Why the adapter counts as software (null for hardware). */
  softwareReason: string | null;
  limits: AdapterLimits;
  /** What the Training tab and the status line show: "NVIDIA GeForce RTX 4070 via Vulkan", "SwiftShader (software)". */
  label: string;
}

const SOFTWARE: [RegExp, string][] = [
  [/swiftshader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/microsoft basic render|\bwarp\b/i, 'WARP'],
  [/softpipe/i, 'softpipe'],
];

export function apiFor(platform: string): GraphicsApi {
  if (platform === 'darwin') return 'Metal';
  if (platform === 'win32') return 'Direct3D 12';
  return 'Vulkan';
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function describeAdapter(adapter: AdapterLike, platform: string): AdapterReport {
  const i = adapter.info;
  const vendor = i.vendor ?? '';
  const architecture = i.architecture ?? '';
  const device = i.device ?? '';
  const description = i.description ?? '';
  const text = `${vendor} ${architecture} ${device} ${description}`;
  const named = SOFTWARE.find(([re]) => re.test(text));
  const softwareReason = named
    ? `${named[1]} renders on the CPU`
    : i.isFallbackAdapter === true
      ? 'the driver marks it as a fallback adapter'
      : null;
  const l = adapter.limits as Partial<AdapterLimits>;
  const limits: AdapterLimits = {
    maxBufferSize: num(l.maxBufferSize),
    maxStorageBufferBindingSize: num(l.maxStorageBufferBindingSize),
    maxComputeWorkgroupStorageSize: num(l.maxComputeWorkgroupStorageSize),
    maxComputeInvocationsPerWorkgroup: num(l.maxComputeInvocationsPerWorkgroup),
  };
  const api = apiFor(platform);
  const name = description || [vendor, architecture, device].filter(Boolean).join(' ') || 'unnamed adapter';
  const label = softwareReason ? `${named ? named[1] : name} (software)` : `${name} via ${api}`;
  return {
    vendor,
    architecture,
    device,
    description,
    api,
    software: softwareReason !== null,
    softwareReason,
    limits,
    label,
  };
}

/** One line for the log: the label, vendor/architecture and the buffer limits. */
export function reportLine(r: AdapterReport): string {
  const mib = (b: number) => `${Math.floor(b / 2 ** 20)} MiB`;
  const who = [
    r.vendor && `vendor ${r.vendor}`,
    r.architecture && `architecture ${r.architecture}`,
    r.device && `device ${r.device}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `WebGPU adapter: ${r.label}${r.description ? ` ("${r.description}")` : ''}${who ? `, ${who}` : ''}; maxBufferSize ${mib(r.limits.maxBufferSize)}, maxStorageBufferBindingSize ${mib(r.limits.maxStorageBufferBindingSize)}${r.software ? `; software adapter: ${r.softwareReason}` : ''}`;
}

/**
 * Whether the ladder uses this adapter: always when forced, only hardware otherwise. The reason
 * (for the log) says why it was passed over.
 */
export function chooseAdapter(r: AdapterReport, forced: boolean): { use: true } | { use: false; reason: string } {
  if (forced || !r.software) return { use: true };
  return {
    use: false,
    reason: `the only adapter is ${r.label}, ${r.softwareReason}, slower than the wasm backend (--backend webgpu forces it)`,
  };
}
