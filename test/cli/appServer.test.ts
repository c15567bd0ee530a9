import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCH_PATH, serveApp } from '../../src/cli/appServer';
import { cli, tempDir } from '../helpers/cli';
import { LUMA_CSV, LUMA_SCHEMA } from '../helpers/samples';

/** One request with a chosen Host header (fetch does not let a page or a test set it). */
function get(
  url: string,
  path: string,
  init: { host?: string; method?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: u.port, path, method: init.method ?? 'GET', headers: { host: init.host ?? u.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const app = tempDir('xdm-app-');
mkdirSync(join(app, 'assets'));
writeFileSync(join(app, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
writeFileSync(join(app, 'assets', 'index-abc.js'), 'console.log(1);');
writeFileSync(join(app, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(join(app, '..', 'secret.txt'), 'not for the page');

let plain: { server: Server; url: string };
let launched: { server: Server; url: string };
beforeAll(async () => {
  plain = await serveApp(app, [], 0);
  launched = await serveApp(
    app,
    [
      { role: 'schema', path: LUMA_SCHEMA },
      { role: 'csv', path: LUMA_CSV },
    ],
    0,
  );
});
afterAll(() => {
  plain.server.close();
  launched.server.close();
});

describe('the app server of `xdm-mapper ui`', () => {
  it('serves the page as built when no file is named, and lists named files in it otherwise', async () => {
    const page = (await get(plain.url, '/')).body.toString();
    expect(page).not.toContain('xdm-mapper-launch');
    const withFiles = (await get(launched.url, '/')).body.toString();
    const content = /<meta name="xdm-mapper-launch" content="([^"]*)"/.exec(withFiles)![1]!.replaceAll('&quot;', '"');
    const launch = JSON.parse(content);
    expect(launch.schema).toEqual({ name: 'luma-product-catalog.schema.json', url: `${LAUNCH_PATH}schema` });
    expect(launch.csv).toEqual({ name: 'luma-products.csv', url: `${LAUNCH_PATH}csv` });
    expect(launch.mapping).toBeUndefined();
    expect(launch.id).toMatch(/^[0-9a-f-]{36}$/);
  });
  it('hands out the named files byte for byte, and nothing else under the launch path', async () => {
    const csv = await get(launched.url, `${LAUNCH_PATH}csv`);
    expect(csv.status).toBe(200);
    expect(csv.body.equals(readFileSync(LUMA_CSV))).toBe(true);
    expect((await get(launched.url, `${LAUNCH_PATH}mapping`)).status).toBe(404);
    expect((await get(plain.url, `${LAUNCH_PATH}csv`)).status).toBe(404);
  });
  it('serves the app files with their types, hashed assets as immutable', async () => {
    const js = await get(plain.url, '/assets/index-abc.js');
    expect([js.status, js.headers['content-type'], js.headers['cache-control']]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ]);
    expect((await get(plain.url, '/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
    const head = await get(plain.url, '/favicon.svg', { method: 'HEAD' });
    expect([head.status, head.body.length, Number(head.headers['content-length'])]).toEqual([200, 0, '<svg xmlns="http://www.w3.org/2000/svg"/>'.length]);
  });
  it('refuses other hosts (DNS rebinding), paths out of the app, and methods other than GET and HEAD', async () => {
    expect((await get(plain.url, '/', { host: 'attacker.example' })).status).toBe(403);
    expect((await get(plain.url, '/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get(plain.url, '/../secret.txt')).status).toBe(404);
    expect((await get(plain.url, '/missing.js')).status).toBe(404);
    expect((await get(plain.url, '/', { method: 'POST' })).status).toBe(405);
  });
});

describe('xdm-mapper ui, before it serves', () => {
  it('says which named file is missing, and takes no bare file arguments', async () => {
    const dir = tempDir();
    const r = await cli('ui', '--csv', join(dir, 'nope.csv'));
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/--csv ".*nope.csv" is not a readable file/)]);
    expect((await cli('ui', LUMA_CSV)).err).toMatch(/name them with --schema, --csv or --mapping/);
    expect((await cli('ui', '--port', 'x')).err).toMatch(/--port must be a whole number/);
  });
});
