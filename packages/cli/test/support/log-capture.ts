import { Writable } from 'node:stream';

/** Log lines written by the connector's pino logger (`createLogger`'s destination), parsed. */
export class LogCapture extends Writable {
  /** Every line as written, for searching the raw text. */
  readonly raw: string[] = [];
  readonly lines: Record<string, unknown>[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}
