import type { CpuPerRequest } from './process-cpu';

/** What one benchmark run measured, as bench/results/latest.json holds it. */

export interface Measure {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU ms per request in this run, of the server, PostgreSQL (null if not local) and the load generator. */
  cpu: CpuPerRequest;
}

export interface OperationResult {
  operation: string;
  description: string;
  scale: number;
  /** SQL statements the hub runs for one request. */
  sqlStatements: number;
  responseBytes: number;
  hub: Measure;
  /** Null where PostGraphile has no equivalent request (see `versus`). */
  postgraphile: Measure | null;
  /** How close PostGraphile's request is to ours, or why it has none. */
  versus: string;
  floor: Measure;
  ratios: { hubToPostgraphile: number | null; hubToFloor: number };
}

export interface RunSettings {
  duration: number;
  warmup: number;
  runs: number;
  connections: number;
}
