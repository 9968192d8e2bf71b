// Builds the console into target/classes/console/ (index.html, app.js, app.css), so the Maven module's
// jar carries it as classpath resources under console/. config.js is not built: whoever serves the
// files writes it (window.WISPBILL_CONSOLE = {apiBaseUrl}). Prints the shipped JS + CSS gzipped, the
// figure the budget (200 KB) is about. axe-core goes to target/classes/console-test/ for the browser
// tests only; it is never shipped.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const out = join('target', 'classes', 'console');
const testOut = join('target', 'classes', 'console-test');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
mkdirSync(testOut, { recursive: true });

await build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15'],
  outdir: out,
  legalComments: 'none',
  logLevel: 'warning',
});
await build({
  entryPoints: { app: 'src/app.css' },
  bundle: true,
  minify: true,
  outdir: out,
  logLevel: 'warning',
});
copyFileSync('src/index.html', join(out, 'index.html'));
copyFileSync(join('node_modules', 'axe-core', 'axe.min.js'), join(testOut, 'axe.min.js'));

const sizes = ['app.js', 'app.css', 'index.html'].map(name => {
  const bytes = readFileSync(join(out, name));
  return { name, raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
});
for (const s of sizes) {
  console.log(`console: ${s.name.padEnd(10)} ${String(s.raw).padStart(7)} B, ${String(s.gzipped).padStart(6)} B gzipped`);
}
const shipped = sizes.filter(s => s.name !== 'index.html').reduce((sum, s) => sum + s.gzipped, 0);
console.log(`console: JS + CSS gzipped ${(shipped / 1024).toFixed(1)} KB (budget 200 KB)`);
