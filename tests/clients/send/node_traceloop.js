// Traceloop Node: `dotenv` loads the .env, traceloop.initialize() reads TRACELOOP_*, one workflow span.
require('dotenv').config({ path: process.argv[2], quiet: true });
const traceloop = require('@traceloop/node-server-sdk');

traceloop.initialize({ appName: 'conformance', disableBatch: true, silenceInitializationMessage: true });
traceloop.withWorkflow({ name: 'one span' }, () => 1);
setTimeout(() => traceloop.forceFlush().then(() => process.exit(0)), 300);
