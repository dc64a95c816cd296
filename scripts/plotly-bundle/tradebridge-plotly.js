// TradeBridge's plotly.js bundle: the core (scatter, layout, shapes) with the bar and treemap
// traces. Keep in step with BUNDLE_TRACES in src/tradebridge/core/charts.py.
var Plotly = require('plotly.js/lib/core');
Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/treemap')]);
module.exports = Plotly;
