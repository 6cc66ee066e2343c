import { loadConfig } from './config';
import { startTelemetry } from './observability/telemetry';

// Before the rest of the hub is required: OpenTelemetry patches http, graphql and pg as they load.
const config = loadConfig();
startTelemetry(config);
const { run } = require('./cli/commands') as typeof import('./cli/commands');

void run(['serve'], config).then((code: number) => {
  // A hub that could not start serves nothing: it exits at once, whatever a failed step left open,
  // so that its supervisor sees the failure and can restart it. (pino writes its last lines on exit.)
  if (code !== 0) process.exit(code);
});
