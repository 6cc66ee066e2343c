import { loadConfig } from './config';
import { startTelemetry } from './telemetry';

const argv = process.argv.slice(2);
// `serve` is traced as src/main.ts is, so telemetry starts before the rest of the hub is required.
if (argv[0] === 'serve') startTelemetry(loadConfig());
const { run } = require('./cli-run') as typeof import('./cli-run');

void run(argv).then((code: number) => {
  process.exitCode = code;
});
