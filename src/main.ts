import { loadConfig } from './config';
import { startTelemetry } from './telemetry';

// Before the rest of the hub is required: OpenTelemetry patches http, graphql and pg as they load.
startTelemetry(loadConfig());
const { run } = require('./cli-run') as typeof import('./cli-run');

void run(['serve']).then((code: number) => {
  // A hub that could not start serves nothing: it exits at once, whatever a failed step left open,
  // so that its supervisor sees the failure and can restart it. (pino writes its last lines on exit.)
  if (code !== 0) process.exit(code);
});
