import { loadConfig } from './config';
import { startTelemetry } from './telemetry';

// Before the rest of the hub is required: OpenTelemetry patches http, graphql and pg as they load.
startTelemetry(loadConfig());
const { run } = require('./cli-run') as typeof import('./cli-run');

void run(['serve']).then((code: number) => {
  if (code !== 0) process.exitCode = code;
});
