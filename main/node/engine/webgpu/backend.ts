/**
 * The ladder's WebGPU rung: Dawn's adapter (dawn.ts), the selection rule (adapter.ts), one
 * device asked for with the adapter's own buffer limits, tfjs-backend-webgpu running on that
 * device, the project's WGSL kernels (kernels/), and a watch on the device's `lost` promise.
 * Throws an Error whose first line is the reason this rung was not used.
 */
import type { Tf } from '../../../../app/compiler/tfjs/tf';
import { chooseAdapter, describeAdapter, reportLine, type AdapterReport } from './adapter';
import { loadDawnModule, requestAdapter, type DawnLoader, type GpuDeviceLike } from './dawn';
import { registerWebGpuKernels } from './kernels/index';

export interface WebGpuRung {
  report: AdapterReport;
  /** Lines for the log: the adapter and its limits. */
  log: string[];
  /** The reason the device was lost, or null while it is healthy. */
  lost(): string | null;
  /** The device tfjs runs on (tests destroy it to inject a loss). */
  device: GpuDeviceLike;
}

export interface WebGpuOptions {
  /** `--backend webgpu`: use a software adapter too. */
  forced: boolean;
  loadDawn?: DawnLoader;
}

type BackendCtor = new (device: unknown, adapterInfo: unknown) => object;
type WebGpuModule = { WebGPUBackend: BackendCtor; webgpu_util: Parameters<typeof registerWebGpuKernels>[1] };

/** Registers tfjs's `webgpu` backend on the chosen adapter's device; the caller then calls tf.setBackend('webgpu'). */
export async function prepareWebGpu(tf: Tf, o: WebGpuOptions): Promise<WebGpuRung> {
  const adapter = await requestAdapter(o.loadDawn ?? loadDawnModule);
  const report = describeAdapter(adapter, process.platform);
  const choice = chooseAdapter(report, o.forced);
  if (!choice.use) throw new Error(choice.reason);
  const mod = (await import(/* @vite-ignore */ '@tensorflow/tfjs-backend-webgpu')) as unknown as WebGpuModule;
  const l = report.limits;
  const requiredLimits: Record<string, number> = {
    maxBufferSize: l.maxBufferSize,
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
  };
  for (const k of Object.keys(requiredLimits)) if (!(requiredLimits[k] > 0)) delete requiredLimits[k];
  for (const k of ['maxComputeWorkgroupsPerDimension', 'maxComputeWorkgroupSizeX']) {
    const v = (adapter.limits as Record<string, unknown>)[k];
    if (typeof v === 'number' && v > 0) requiredLimits[k] = v;
  }
  const device = await adapter.requestDevice({ requiredLimits });
  let lostReason: string | null = null;
  void device.lost.then((info) => {
    lostReason = `the GPU device was lost (${info.reason ?? 'unknown'}${info.message ? `: ${info.message.split('\n')[0]}` : ''})`;
  });
  if (tf.findBackend('webgpu') !== null || tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new mod.WebGPUBackend(device, adapter.info) as never, 3);
  registerWebGpuKernels(tf, mod.webgpu_util);
  return { report, log: [reportLine(report)], lost: () => lostReason, device };
}
