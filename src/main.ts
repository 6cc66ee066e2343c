import { run } from './cli-run';

void run(['serve']).then((code) => {
  if (code !== 0) process.exitCode = code;
});
