// Bundles the page into ../dist: the script (CodeMirror, the highlighting,
// the wasm-bindgen glue) with esbuild, then the page's other files as they
// are. Run by playground/build.sh after wasm-bindgen has written
// ./generated/.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await esbuild.build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: ['chrome105', 'firefox113', 'safari16.4'],
  outfile: join(dist, 'playground.js'),
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const file of ['index.html', 'style.css']) copyFileSync(join(here, file), join(dist, file));
copyFileSync(join(here, 'generated', 'canvasc_playground_bg.wasm'), join(dist, 'canvasc_playground_bg.wasm'));
console.log(`playground: bundled into ${dist}`);
