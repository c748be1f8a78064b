/**
 * The release build's dependency audit: `npm audit --omit=dev --json`, read into a decision.
 *   fail  a high or critical advisory applies to a production dependency: the build stops
 *   pass  the advisory service answered and nothing high or critical applies
 *   skip  the service could not be reached or refused the request (offline, a proxy, a registry
 *         mirror without the audit endpoint): said loudly, the build goes on
 * `decideAudit` is pure (tested in audit.test.ts without the network); `runAudit` runs npm.
 */
import { spawnSync } from 'node:child_process';

export interface AuditOutcome {
  verdict: 'pass' | 'fail' | 'skip';
  /** What to print: one line, or a few for the advisories that fail the build. */
  message: string;
}

interface AuditJson {
  vulnerabilities?: Record<string, { severity?: string; via?: unknown[] }>;
  metadata?: { vulnerabilities?: Partial<Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number>> };
  statusCode?: number;
  message?: string;
  error?: { code?: string; summary?: string };
}

const UNREACHABLE =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|audit endpoint returned an error|Method Not Allowed|\b40[345]\b|\b5\d\d\b|network|proxy/i;

export function decideAudit(r: {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: string;
}): AuditOutcome {
  let json: AuditJson | undefined;
  try {
    json = JSON.parse(r.stdout) as AuditJson;
  } catch {
    json = undefined;
  }
  const counts = json?.metadata?.vulnerabilities;
  if (counts) {
    const high = (counts.high ?? 0) + (counts.critical ?? 0);
    if (high > 0) {
      const names = Object.entries(json?.vulnerabilities ?? {})
        .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
        .map(([name, v]) => `${name} (${v.severity})`);
      return {
        verdict: 'fail',
        message: `npm audit: ${high} high or critical advisory(ies) in production dependencies: ${names.join(', ') || 'see npm audit --omit=dev'}. Update them (npm audit fix --omit=dev) before releasing.`,
      };
    }
    const low = (counts.low ?? 0) + (counts.moderate ?? 0) + (counts.info ?? 0);
    return {
      verdict: 'pass',
      message: `npm audit: no high or critical advisory in production dependencies${low ? ` (${low} low or moderate: npm audit --omit=dev lists them)` : ''}.`,
    };
  }
  const why = [r.error, json?.error?.code, json?.message, json?.error?.summary, r.stderr]
    .filter((s) => typeof s === 'string' && s.trim())
    .join(' ');
  const first =
    why
      .split('\n')
      .map((l) => l.replace(/^npm (warn|error) (audit )?/, '').trim())
      .find((l) => l && !/Unknown project config/.test(l)) ?? 'no answer';
  if (UNREACHABLE.test(why) || r.status === null) {
    return {
      verdict: 'skip',
      message: `npm audit: the advisory service could not be reached (${first}); NOT AUDITED: run "npm audit --omit=dev --audit-level=high" on a connected machine before publishing.`,
    };
  }
  return {
    verdict: 'skip',
    message: `npm audit could not run (${first}); NOT AUDITED: run "npm audit --omit=dev --audit-level=high" by hand before publishing.`,
  };
}

export function runAudit(cwd: string): AuditOutcome {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['audit', '--omit=dev', '--json'], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return decideAudit({ status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error?.message });
}
