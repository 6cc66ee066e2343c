/** A document the importer refuses: names the file, the line and the reason. Nothing is written. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'IngestError';
  }
}
