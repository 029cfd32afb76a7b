import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, opendir, readFile, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeError, UnavailableError } from '@tvox-connector/core';
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

/** Whether `error` says the disk (or the user's quota on it) is full. */
function diskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** Opens the file an upload is written to; a test may put a failing disk in its place. */
export type OpenForWriting = (path: string) => Writable;

/**
 * Uploaded files on disk: `<id>` holds the bytes and `<id>.json` what they are. Ids are random
 * UUIDs, so a file cannot be guessed, and only ids of that shape are ever read (no path tricks).
 */
export class AttachmentFiles {
  constructor(
    private readonly directory: string,
    private readonly openForWriting: OpenForWriting = (path) =>
      createWriteStream(path, { flags: 'wx' }),
  ) {}

  /**
   * Refuses, with `UnavailableError` (503), an upload of up to `sizeBytes` that would leave the
   * folder's disk with less than `reserveBytes` free.
   */
  async ensureSpace(sizeBytes: number, reserveBytes: number): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const disk = await statfs(this.directory);
    if (disk.bavail * disk.bsize - sizeBytes < reserveBytes)
      throw new UnavailableError(
        'the disk that keeps uploaded files is nearly full, so files are refused for now; try again later',
      );
  }

  /**
   * Streams `body` to a new file, refusing it with `PayloadTooLargeError` as soon as it grows past
   * `maxBytes`, or with `UnavailableError` when the disk fills meanwhile (the partial file is
   * removed either way).
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
    const stored: StoredFile = { ...description, id, size: 0 };
    try {
      await pipeline(body, counter.stream, this.openForWriting(path));
      stored.size = counter.seen();
      await writeFile(`${path}.json`, JSON.stringify(stored), { flag: 'wx' });
    } catch (error) {
      await Promise.all([rm(path, { force: true }), rm(`${path}.json`, { force: true })]);
      if (diskFull(error))
        throw new UnavailableError('the disk that keeps uploaded files is full; try again later', {
          cause: error,
        });
      throw error;
    }
    return stored;
  }

  /**
   * Deletes up to `limit` files uploaded before `before` (epoch milliseconds, by the time their
   * description was written); answers how many it deleted.
   */
  async deleteOlderThan(before: number, limit: number): Promise<number> {
    let folder;
    try {
      folder = await opendir(this.directory);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return 0;
      throw error;
    }
    let deleted = 0;
    for await (const entry of folder) {
      const id = entry.name.endsWith('.json') ? entry.name.slice(0, -'.json'.length) : undefined;
      if (id === undefined || !FILE_ID.test(id)) continue;
      const path = join(this.directory, id);
      // Another instance sharing the folder may have deleted it meanwhile.
      const written = await stat(`${path}.json`).catch(() => undefined);
      if (written === undefined || written.mtimeMs >= before) continue;
      // The bytes first: a description left alone by a crash is deleted by the next sweep.
      await rm(path, { force: true });
      await rm(`${path}.json`, { force: true });
      deleted += 1;
      if (deleted >= limit) break;
    }
    return deleted;
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
