/**
 * Builds the connect widget: esbuild bundles src/embed.ts and src/widget.ts as IIFEs and the page
 * and stylesheet are copied next to them. Plain CommonJS so both `npm run build` (node
 * connect-widget/build.js) and the e2e tests (require) can run it without a compile step.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const DEFAULT_OUT_DIR = path.resolve(__dirname, '..', 'dist', 'connect-widget');

/** @param {string} [outDir] @returns {Promise<string>} the output directory */
async function buildWidget(outDir = DEFAULT_OUT_DIR) {
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: { embed: path.join(__dirname, 'src', 'embed.ts'), widget: path.join(__dirname, 'src', 'widget.ts') },
    outdir: outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'styles.css']) fs.copyFileSync(path.join(__dirname, file), path.join(outDir, file));
  return outDir;
}

module.exports = { buildWidget, DEFAULT_OUT_DIR };

if (require.main === module) {
  buildWidget(process.argv[2] ? path.resolve(process.argv[2]) : undefined).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
