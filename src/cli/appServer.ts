import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The path under which files named on the command line are served (same origin as the app). */
export const LAUNCH_PATH = '/__xdm-mapper/launch/';

export type LaunchRole = 'schema' | 'csv' | 'mapping';

/** A file named on the command line, offered to the app. */
export interface LaunchFile {
  role: LaunchRole;
  path: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The built web app's folder: dist/app beside the compiled command (dist/cli or
 * dist/cli/chunks), or the repository's dist/app when the command runs from its sources.
 */
export function appFolder(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'app'), join(here, '..', '..', 'app'), join(here, '..', '..', 'dist', 'app')])
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  return null;
}

const escapeAttribute = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The app's page, told which files the command named: a `<meta name="xdm-mapper-launch">`
 * lists them with the same-origin URLs they are served at. Without launch files the page is
 * served as built, and the app asks for nothing more.
 */
export function launchPage(html: string, files: readonly LaunchFile[]): string {
  if (!files.length) return html;
  // The id tells the app this start of the server from a later one: a reload keeps the user's edits.
  const launch = { id: randomUUID(), ...Object.fromEntries(files.map((f) => [f.role, { name: basename(f.path), url: `${LAUNCH_PATH}${f.role}` }])) };
  return html.replace('</head>', `<meta name="xdm-mapper-launch" content="${escapeAttribute(JSON.stringify(launch))}" />\n</head>`);
}

/**
 * Serves the built app (and the launch files) on 127.0.0.1 only. Requests whose Host header is
 * not this loopback address are refused, so that a web page cannot read the files through a
 * DNS name rebound to 127.0.0.1.
 */
export async function serveApp(folder: string, files: readonly LaunchFile[], port: number): Promise<{ server: Server; url: string }> {
  const root = resolve(folder);
  const page = launchPage(await readFile(join(root, 'index.html'), 'utf8'), files);
  let allowedHosts = new Set<string>();
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 403, 'text/plain; charset=utf-8', 'this server answers only on its loopback address\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'only GET and HEAD\n');
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === '/' || path === '/index.html') return send(res, 200, TYPES['.html']!, page, 'no-cache');
    if (path.startsWith(LAUNCH_PATH)) {
      const file = files.find((f) => `${LAUNCH_PATH}${f.role}` === path);
      return file ? sendFile(res, file.path, req.method === 'HEAD', 'no-store') : send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
    const full = normalize(join(root, path));
    if (!full.startsWith(root + sep)) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    // Built assets carry a content hash in their names: they never change.
    return sendFile(res, full, req.method === 'HEAD', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  allowedHosts = new Set([`127.0.0.1:${actual}`, `localhost:${actual}`]);
  return { server, url: `http://127.0.0.1:${actual}/` };
}

function send(res: ServerResponse, status: number, type: string, body: string, cache = 'no-store'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': cache, 'x-content-type-options': 'nosniff' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

async function sendFile(res: ServerResponse, path: string, head: boolean, cache: string): Promise<void> {
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  res.writeHead(200, {
    'content-type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'content-length': st.size,
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
  });
  if (head) return void res.end();
  await new Promise<void>((resolve) => {
    const stream = createReadStream(path);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(res);
  });
}
