/** The release build's audit decision, from npm audit's real output shapes, without the network. */
import { describe, expect, it } from 'vitest';
import { decideAudit } from './audit';

const report = (counts: Record<string, number>, vulns: Record<string, { severity: string }> = {}) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: vulns,
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } },
  });

describe('npm audit decision', () => {
  it('fails the build on a high or critical advisory, naming the packages', () => {
    const o = decideAudit({
      status: 1,
      stdout: report(
        { high: 1, critical: 1 },
        { ws: { severity: 'high' }, protobufjs: { severity: 'critical' }, semver: { severity: 'low' } },
      ),
      stderr: '',
    });
    expect(o.verdict).toBe('fail');
    expect(o.message).toMatch(/2 high or critical .*: ws \(high\), protobufjs \(critical\)\. Update them/);
  });

  it('passes with only low or moderate advisories, and with none', () => {
    expect(decideAudit({ status: 1, stdout: report({ moderate: 2 }), stderr: '' })).toEqual({
      verdict: 'pass',
      message: expect.stringMatching(/no high or critical .*2 low or moderate/),
    });
    expect(decideAudit({ status: 0, stdout: report({}), stderr: '' }).verdict).toBe('pass');
  });

  it('skips loudly, without failing, when the advisory service cannot be reached', () => {
    // What this build machine's npm answers (the registry mirror has no audit endpoint).
    const refused = decideAudit({
      status: 1,
      stdout: JSON.stringify({
        message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
        statusCode: 405,
        error: { summary: '', detail: '' },
      }),
      stderr:
        'npm warn audit 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk\nnpm error audit endpoint returned an error\n',
    });
    expect(refused.verdict).toBe('skip');
    expect(refused.message).toMatch(
      /could not be reached \(405 Method Not Allowed.*\); NOT AUDITED: run "npm audit --omit=dev --audit-level=high" on a connected machine/,
    );
    const offline = decideAudit({
      status: 1,
      stdout: JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'getaddrinfo ENOTFOUND registry.npmjs.org' } }),
      stderr: '',
    });
    expect(offline.verdict).toBe('skip');
    expect(decideAudit({ status: null, stdout: '', stderr: '', error: 'spawnSync npm ETIMEDOUT' }).verdict).toBe(
      'skip',
    );
  });

  it('never passes silently on output it cannot read', () => {
    const o = decideAudit({ status: 1, stdout: 'garbage', stderr: 'npm error something odd' });
    expect(o.verdict).toBe('skip');
    expect(o.message).toMatch(/could not run \(something odd\); NOT AUDITED/);
  });
});
