import { loadConfig } from './config';
import { startTelemetry } from './observability/telemetry';

const argv = process.argv.slice(2);
// `serve` is traced as src/main.ts is, so telemetry starts before the rest of the hub is required.
const config = loadConfig();
if (argv[0] === 'serve') startTelemetry(config);
const { run } = require('./cli/commands') as typeof import('./cli/commands');

void run(argv, config).then((code: number) => {
  process.exitCode = code;
});
