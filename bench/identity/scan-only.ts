/** Times the parts of pass one on one batch file: reading lines, then scanning identities. */
import { createReadStream } from 'node:fs';
import { forEachLine } from '../../src/core/identity/pipeline';
import { IdentityScanner, type ScannedIdentity } from '../../src/core/identity/scan';

const [file] = process.argv.slice(2);
const chunks = () => createReadStream(file!, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let t = cpu();
let lines = 0;
await forEachLine({ name: 'f', chunks }, () => {
  lines++;
});
console.log('lines', lines, (cpu() - t).toFixed(2), 's cpu');
const scanner = new IdentityScanner({ fields: [{ path: '_bench.systemIdentifier.crmId' as never, namespace: 'CRMID', primary: true }], identityMap: true });
const out: ScannedIdentity[] = [];
t = cpu();
let n = 0;
await forEachLine({ name: 'f', chunks }, (buf, s, e) => {
  if (scanner.scan(buf, s, e, out)) n += out.length;
});
console.log('scan', n, (cpu() - t).toFixed(2), 's cpu');
t = cpu();
await forEachLine({ name: 'f', chunks }, (buf, s, e) => {
  JSON.parse(new TextDecoder().decode(buf.subarray(s, e)));
});
console.log('JSON.parse', (cpu() - t).toFixed(2), 's cpu');
