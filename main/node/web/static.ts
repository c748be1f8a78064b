/** Serves the built renderer: only files under its folder, with content types and cache rules. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export const contentType = (file: string): string => TYPES[extname(file)] ?? 'application/octet-stream';

/** The file for a URL path, or null when it is not inside `root`. */
export function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  if (rel.startsWith('..') || rel.split(/[/\\]/).includes('..')) return null;
  const file = join(root, rel);
  return file === root || file.startsWith(root + sep) ? file : null;
}

export async function sendFile(res: ServerResponse, file: string, headers: Record<string, string>): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  const type = contentType(file);
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-store';
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': info.size, 'Cache-Control': cache });
  createReadStream(file).pipe(res);
  return true;
}
