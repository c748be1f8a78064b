// Child process for atomic.test.ts: saves two different contents over one file, forever, until killed.
import { writeFileAtomic } from './atomic';

const [target] = process.argv.slice(2);
const a = 'a'.repeat(2 * 1024 * 1024);
const b = 'b'.repeat(2 * 1024 * 1024);
let n = 0;
for (;;) {
  await writeFileAtomic(target!, n++ % 2 ? a : b);
  if (n === 1) process.stdout.write('ready\n');
}
