/**
 * The embedded PostgreSQL cannot run here, for a reason the user can fix: the message is one line
 * saying why and what to do, and the entry points print it without a stack trace.
 */
export class EmbeddedPostgresError extends Error {
  readonly code = 'EMBEDDED_POSTGRES_UNAVAILABLE';

  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}
