/** The one-line reason of a failed PyTorch run, from what Python and torchrun print. */
import { describe, expect, it } from 'vitest';
import { failureReason } from './session';

describe('failureReason', () => {
  it('names a rank that died of a signal (torchrun summary), before any exception line', () => {
    const log = [
      'RuntimeError: [../gloo/transport/tcp/pair.cc:589] Read error: Connection reset by peer',
      'torch.distributed.elastic.multiprocessing.errors.ChildFailedError: ',
      'Failures:',
      '[1]:',
      '  rank      : 1 (local_rank: 1)',
      '  exitcode  : -9 (pid: 20616)',
      '  traceback : Signal 9 (SIGKILL) received by PID 20616',
      'Root Cause (first observed failure):',
      '[0]:',
      '  rank      : 0 (local_rank: 0)',
      '  exitcode  : 1 (pid: 20615)',
    ];
    expect(failureReason(log)).toBe('rank 1 died (Signal 9 (SIGKILL) received by PID 20616)');
  });

  it("is a traceback's exception line, else a rank's exit code, else nothing", () => {
    expect(
      failureReason([
        'Traceback (most recent call last):',
        '  File "x.py", line 3',
        'ZeroDivisionError: division by zero',
      ]),
    ).toBe('ZeroDivisionError: division by zero');
    expect(failureReason(['  rank      : 2 (local_rank: 0)', '  exitcode  : 3 (pid: 1)'])).toBe(
      'rank 2 failed with exit code 3',
    );
    expect(failureReason(['some warning'])).toBeNull();
  });
});
