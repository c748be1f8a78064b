// The machine a benchmark ran on: CPU model and logical cores from /proc/cpuinfo, load average.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  load: number[];
  node: string;
}

export function machine(): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    /* not Linux: os.cpus() names it */
  }
  return { cpu, cores: cpus().length, load: loadavg().map((l) => Math.round(l * 100) / 100), node: process.version };
}
