// Writes dist/THIRD-PARTY-NOTICES.md: the packages bundled into dist/ (the command, the library
// and the web app), each with its license text, as their licenses ask of a redistribution.
// The packages are read off the source maps of the build, so the list is what was bundled.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const maps = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? maps(p) : n.endsWith('.map') ? [p] : [];
  });
const packages = new Set();
for (const file of maps('dist')) {
  for (const source of JSON.parse(readFileSync(file, 'utf8')).sources ?? []) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
    if (m) packages.add(m[1]);
  }
}
const sections = [...packages].sort().map((name) => {
  const dir = join('node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying|unlicense)(\.|$)/i.test(f));
  const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${pkg.license} (no license file in the package)`;
  return `## ${name} ${pkg.version} (${pkg.license})\n\n\`\`\`\n${text}\n\`\`\``;
});
if (!existsSync('dist')) throw new Error('build first: dist/ is missing');
writeFileSync(join('dist', 'THIRD-PARTY-NOTICES.md'), `# Third-party software bundled in xdm-mapper\n\n${sections.join('\n\n')}\n`);
console.log(`dist/THIRD-PARTY-NOTICES.md: ${packages.size} bundled packages`);
