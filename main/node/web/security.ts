/**
 * The web host's gate: a random token (in the printed URL, then in a cookie), compared in
 * constant time; Host and Origin checks against DNS rebinding and cross-site pages; security
 * headers with a strict Content-Security-Policy.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { safeDecode } from './guard';

export const newToken = (): string => randomBytes(24).toString('hex');

export function tokensEqual(given: string | undefined | null, token: string): boolean {
  if (typeof given !== 'string' || given.length > 1024) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b) && given.length === token.length;
}

export const cookieName = (port: number): string => `netloom-token-${port}`;

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    // A malformed value (`%`) is no token: absent, never an exception.
    if (eq > 0 && part.slice(0, eq).trim() === name) return safeDecode(part.slice(eq + 1).trim()) ?? undefined;
  }
  return undefined;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

/** Host header values a page served from loopback may carry: anything else is a DNS-rebinding attempt. */
export function hostAllowed(hostHeader: string | undefined, bound: string, port: number): boolean {
  if (!hostHeader) return false;
  if (!isLoopback(bound)) return true; // reachable under names we cannot list; the token still guards it
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${bound}:${port}`]);
  return allowed.has(hostHeader.toLowerCase());
}

/** Browsers send Origin on WebSocket and cross-site requests: it must be this server. Absent = not a browser page. */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  return hostHeader !== undefined && origin === `http://${hostHeader}`;
}

export function securityHeaders(hostHeader: string): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // React Flow positions nodes with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${hostHeader}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}
