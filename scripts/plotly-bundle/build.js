// Build TradeBridge's partial plotly.js bundle with the settings of plotly.js's own
// esbuild-config.js (iife, global Plotly, es2016, regl/stream aliases, global=window), minified,
// the map-only maplibre CSS left out (no map traces are registered).
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
esbuild.build({
  entryPoints: ['./tradebridge-plotly.js'],
  outfile: '../../src/tradebridge/core/static/tradebridge/vendor/plotly/plotly-tradebridge.min.js',
  format: 'iife', globalName: 'Plotly', bundle: true, minify: true, sourcemap: false,
  plugins: [environmentPlugin({ NODE_DEBUG: false })],
  alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
  define: { global: 'window', 'define.amd': 'false' },
  target: 'es2016', logLevel: 'info',
  loader: { '.css': 'empty' },
  banner: { js: '/**\n* plotly.js v4.1.1, partial bundle for TradeBridge: core (scatter), bar, treemap\n* Copyright 2012-2026, Plotly, Inc.\n* All rights reserved.\n* Licensed under the MIT license\n*/' },
}).catch(() => process.exit(1));
