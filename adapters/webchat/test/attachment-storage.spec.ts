import { createWriteStream, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { expect } from 'chai';
import { UnavailableError, errorReply, silentLogger } from '@tvox-connector/core';
import { ManualClock } from '@tvox-connector/testkit';
import { AttachmentFiles } from '../src/attachments/attachment-files';
import { AttachmentSweep } from '../src/attachments/attachment-sweep';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A disk that takes the first chunk of a file, then fills up. */
function fillingDisk(path: string): Writable {
  const file = createWriteStream(path, { flags: 'wx' });
  let chunks = 0;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks += 1;
      if (chunks === 1) file.write(chunk, callback);
      else
        callback(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    },
    destroy(error, callback) {
      file.destroy();
      callback(error);
    },
  });
}

describe('web chat attachment storage', () => {
  let directory: string;
  const description = { name: 'photo.png', contentType: 'image/png', visitorId: 'v-1' };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'webchat-storage-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers a disk that fills while a file is written with 503, and removes the partial file', async () => {
    const files = new AttachmentFiles(directory, fillingDisk);
    const body = Readable.from([Buffer.alloc(100, 1), Buffer.alloc(100, 2), Buffer.alloc(100, 3)]);
    let failure: unknown;
    try {
      await files.save(body, description, 10_000);
    } catch (error) {
      failure = error;
    }
    expect(failure).to.be.instanceOf(UnavailableError);
    expect(errorReply(failure).status).to.equal(503);
    expect(errorReply(failure).body.error.message).to.match(/full/);
    expect(readdirSync(directory)).to.deep.equal([]);
  });

  it('deletes files older than the retention, in batches, and keeps newer ones', async () => {
    const clock = new ManualClock(Date.now());
    const files = new AttachmentFiles(directory);
    const save = () => files.save(Readable.from([Buffer.from('bytes')]), description, 100);
    const old = await save();
    const recent = await save();
    const ageDays = (id: string, days: number) => {
      const then = new Date(clock.now() - days * DAY_MS);
      utimesSync(join(directory, `${id}.json`), then, then);
    };
    ageDays(old.id, 31);
    ageDays(recent.id, 29);
    const sweep = new AttachmentSweep(files, 30, clock, silentLogger);
    expect(await sweep.sweepOnce()).to.equal(1);
    expect(readdirSync(directory).sort()).to.deep.equal([recent.id, `${recent.id}.json`].sort());
    expect(await files.open(old.id)).to.equal(undefined);
    expect(await sweep.sweepOnce()).to.equal(0);
  });

  it('sweeps in the background while started, and stops', async () => {
    const clock = new ManualClock(Date.now());
    const files = new AttachmentFiles(directory);
    const old = await files.save(Readable.from([Buffer.from('bytes')]), description, 100);
    const then = new Date(clock.now() - 2 * DAY_MS);
    utimesSync(join(directory, `${old.id}.json`), then, then);
    const sweep = new AttachmentSweep(files, 1, clock, silentLogger);
    sweep.start();
    const deadline = Date.now() + 3000;
    while (readdirSync(directory).length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await sweep.stop();
    expect(readdirSync(directory)).to.deep.equal([]);
  });
});
