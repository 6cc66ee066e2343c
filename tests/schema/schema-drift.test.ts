/** The committed SDL and the generated test documents are the code's, or the check fails. */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it, jest } from '@jest/globals';
import config from '../../codegen';
import { run } from '../../src/cli/commands';
import { printHubSchema } from '../../src/graphql/schema';

const root = path.join(__dirname, '..', '..');

describe('schema/schema.graphql', () => {
  it('is the SDL the code prints', async () => {
    expect(await readFile(path.join(root, 'schema', 'schema.graphql'), 'utf8')).toBe(await printHubSchema());
  });

  it('fails the check when stale, and passes it when current', async () => {
    const stale = path.join(tmpdir(), `stale-${process.pid}.graphql`);
    await writeFile(stale, (await printHubSchema()).replace('totalCount: Int!', 'total: Int!'));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await run(['emit-schema', '--check', '--file', stale])).toBe(1);
      expect(stderr).toHaveBeenCalledWith(`${stale} is stale: run npm run schema:emit and commit it\n`);
      expect(await run(['emit-schema', '--check', '--file', path.join(root, 'schema', 'schema.graphql')])).toBe(0);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('tests/__generated__', () => {
  it('is what `npm run codegen` makes of the committed SDL and tests/operations', async () => {
    const previous = process.cwd();
    process.chdir(root);
    try {
      const outputs = await generate({ ...config, silent: true }, false);
      for (const output of outputs) {
        expect(`${output.filename}:\n${await readFile(path.join(root, output.filename), 'utf8')}`).toBe(
          `${output.filename}:\n${output.content}`,
        );
      }
      expect(outputs.length).toBeGreaterThan(0);
    } finally {
      process.chdir(previous);
    }
  });
});
