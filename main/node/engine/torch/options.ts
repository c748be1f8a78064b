/** The PyTorch engine's own options (`netloom train --engine torch ...`, the Training tab's engine choice). */
export interface TorchOptions {
  /** The interpreter to use; absent = the first with torch that discovery finds (main/node/python/discover.ts). */
  python?: string;
  /** `cpu`, `cuda`, `cuda:N`, `mps`; absent = CUDA when torch has it, else CPU. */
  device?: string;
  /** Processes on this machine (torchrun --nproc_per_node). */
  nproc?: number;
  /** Machines (torchrun --nnodes), this one's rank and the rendezvous address. */
  nnodes?: number;
  node_rank?: number;
  master_addr?: string;
  master_port?: number;
  /** BatchNorm as SyncBatchNorm across processes. */
  sync_bn?: boolean;
  /** torch.set_num_threads per process (absent: torch's default). */
  threads?: number;
}

/** Checks the options a person typed; the message names the flag. */
export function checkTorchOptions(o: TorchOptions): string | null {
  const int = (v: number | undefined, flag: string, min: number, max: number) =>
    v === undefined || (Number.isInteger(v) && v >= min && v <= max)
      ? null
      : `--${flag} must be an integer from ${min} to ${max}, got '${v}'.`;
  const bad =
    int(o.nproc, 'nproc', 1, 1024) ??
    int(o.nnodes, 'nnodes', 1, 4096) ??
    int(o.node_rank, 'node-rank', 0, 4095) ??
    int(o.master_port, 'master-port', 1, 65535) ??
    int(o.threads, 'threads', 1, 4096);
  if (bad) return bad;
  if (o.device !== undefined && !/^(cpu|mps|cuda(:\d+)?)$/.test(o.device))
    return `--device must be cpu, cuda, cuda:N or mps, got '${o.device}'.`;
  if (o.node_rank !== undefined && o.node_rank >= (o.nnodes ?? 1))
    return `--node-rank ${o.node_rank} must be below --nnodes ${o.nnodes ?? 1}.`;
  if ((o.nnodes ?? 1) > 1 && !o.master_addr)
    return '--nnodes > 1 needs --master-addr (the address of the machine with --node-rank 0).';
  return null;
}
