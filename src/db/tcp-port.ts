import { createServer } from 'node:net';

/** Listens on 127.0.0.1:`port` (0: any) for a moment; the port that was bound, or undefined if taken. */
function bindOnce(port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(undefined) : reject(error),
    );
    probe.listen(port, '127.0.0.1', () => {
      const bound = (probe.address() as { port: number }).port;
      probe.close(() => resolve(bound));
    });
  });
}

/** Whether nothing listens on 127.0.0.1:`port` now. */
export async function portIsFree(port: number): Promise<boolean> {
  return (await bindOnce(port)) !== undefined;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return (await bindOnce(0)) as number;
}
