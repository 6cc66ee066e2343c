/**
 * Preloaded into a benchmarked server (`node -r bench/allocation-profile.cjs`, by
 * `bench/cpu-per-request.ts --allocation-prof DIR`): samples the server's allocations, those the
 * garbage collector has freed included (Node's own --heap-prof keeps only the survivors, and the
 * garbage is what costs), and writes them to DIR as a .heapprofile when the server is stopped.
 */
const { writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const path = require('node:path');

const session = new Session();
session.connect();
session.post('HeapProfiler.enable');
session.post('HeapProfiler.startSampling', {
  samplingInterval: 1024,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
process.once('SIGTERM', () => {
  // An in-process session answers synchronously: the profile is written before the server's own
  // SIGTERM handler closes it.
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) throw error;
    const file = path.join(process.env.ALLOCATION_PROFILE_DIR, `allocations-${process.pid}.heapprofile`);
    writeFileSync(file, JSON.stringify(result.profile));
  });
});
