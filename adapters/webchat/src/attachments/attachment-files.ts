import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeError } from '@tvox-connector/core';
import { z } from 'zod';

/** What is kept beside an uploaded file. */
export const StoredFile = z.object({
  id: z.uuid(),
  name: z.string().min(1),
  contentType: z.string().min(1),
  size: z.int().nonnegative(),
  /** The visitor who uploaded it. */
  visitorId: z.string().min(1),
});
/** An uploaded file's description. */
export type StoredFile = z.infer<typeof StoredFile>;

const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Counts bytes going through and fails as soon as there are more than `limit`. */
function byteLimit(limit: number): { readonly stream: Transform; readonly seen: () => number } {
  let seen = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new PayloadTooLargeError(limit, seen));
      else callback(null, chunk);
    },
  });
  return { stream, seen: () => seen };
}

/**
 * Uploaded files on disk: `<id>` holds the bytes and `<id>.json` what they are. Ids are random
 * UUIDs, so a file cannot be guessed, and only ids of that shape are ever read (no path tricks).
 */
export class AttachmentFiles {
  constructor(private readonly directory: string) {}

  /**
   * Streams `body` to a new file, refusing it with `PayloadTooLargeError` as soon as it grows past
   * `maxBytes` (the partial file is removed).
   */
  async save(
    body: Readable,
    description: Omit<StoredFile, 'id' | 'size'>,
    maxBytes: number,
  ): Promise<StoredFile> {
    await mkdir(this.directory, { recursive: true });
    const id = randomUUID();
    const path = join(this.directory, id);
    const counter = byteLimit(maxBytes);
    try {
      await pipeline(body, counter.stream, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    const stored: StoredFile = { ...description, id, size: counter.seen() };
    await writeFile(`${path}.json`, JSON.stringify(stored), { flag: 'wx' });
    return stored;
  }

  /** The file with this id and a stream of its bytes, or undefined when there is none. */
  async open(id: string): Promise<{ file: StoredFile; bytes: ReadStream } | undefined> {
    if (!FILE_ID.test(id)) return undefined;
    const path = join(this.directory, id);
    let description: unknown;
    try {
      description = JSON.parse(await readFile(`${path}.json`, 'utf8'));
    } catch {
      return undefined;
    }
    const file = StoredFile.safeParse(description);
    if (!file.success) return undefined;
    return { file: file.data, bytes: createReadStream(path) };
  }
}
