// The studio's local server: serves the built app (dist/studio) and nothing else, on
// 127.0.0.1 only. No path outside the build folder can be read; only GET and HEAD; only
// requests addressed to a loopback name (a page elsewhere cannot reach it through DNS
// rebinding); never inside another site's frame.
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';

export const STUDIO_DIR = join(PACKAGE_ROOT, 'dist/studio/');

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
  '.txt': 'text/plain; charset=utf-8',
};

/** The file under `root` that a URL path names, or null if it names anything outside it. */
export function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rootAbs = resolve(root);
  const target = resolve(rootAbs, `.${normalize(`/${decoded}`)}`);
  if (target !== rootAbs && !target.startsWith(rootAbs + sep)) return null;
  const file = existsSync(target) && statSync(target).isDirectory() ? join(target, 'index.html') : target;
  // A symbolic link inside the build folder must not lead out of it either.
  if (existsSync(file)) {
    const real = realpathSync(file);
    const realRoot = realpathSync(rootAbs);
    if (!real.startsWith(realRoot + sep)) return null;
  }
  return file;
}

/** The names a request to this server may be addressed to (its Host header, with or without the port). */
const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])(:(\d{1,5}))?$/i;

/** Whether a Host header names this server on a loopback name (DNS rebinding sends the attacker's name). */
export function loopbackHost(host: string | undefined, port: number): boolean {
  const m = host ? LOOPBACK.exec(host) : null;
  return Boolean(m) && (m![3] === undefined || Number(m![3]) === port);
}

export function startStudioServer(options: { port?: number; root?: string } = {}): Promise<{ server: Server; url: string }> {
  const root = options.root ?? STUDIO_DIR;
  const server = createServer((req, res) => {
    const security = {
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    };
    const address = server.address();
    if (!loopbackHost(req.headers.host, typeof address === 'object' && address ? address.port : 0)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', ...security }).end('forbidden: this server answers only requests addressed to 127.0.0.1, localhost or [::1]');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', ...security }).end('method not allowed');
      return;
    }
    const file = fileFor(root, req.url ?? '/');
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...security }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', ...security });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolvePromise({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}
