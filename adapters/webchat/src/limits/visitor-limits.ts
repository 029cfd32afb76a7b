import { RateLimitedError, type Clock } from '@tvox-connector/core';
import type { WebchatSettings } from '../webchat-settings.js';
import { TokenBuckets, perHours, perMinute } from './token-buckets.js';

/** What a visitor frame is, for its limit: a message, or a typing or receipt signal. */
export type FrameKind = 'message' | 'signal';

/** An upload's share of the visitor's quota, reserved before the file is written. */
export interface UploadReservation {
  /** The file was kept, with this many bytes: the rest of the reservation goes back. */
  settle(sizeBytes: number): void;
  /** Nothing was kept: the whole reservation goes back (the attempt still counts in the rate). */
  cancel(): void;
}

/**
 * The web chat's limits per visitor, in memory on this instance: message and signal rates per
 * conversation, and the upload rate and quota (files and bytes) per visitor. A refusal is a
 * `RateLimitedError` saying when to send again; nothing is stored for a refused request.
 */
export class VisitorLimits {
  private readonly frames: Record<FrameKind, TokenBuckets>;
  private readonly uploads: TokenBuckets;
  private readonly quotaFiles: TokenBuckets;
  private readonly quotaBytes: TokenBuckets;

  constructor(settings: WebchatSettings, clock: Clock) {
    const { limits, attachments } = settings;
    this.frames = {
      message: new TokenBuckets(perMinute(limits.messages), clock),
      signal: new TokenBuckets(perMinute(limits.signals), clock),
    };
    this.uploads = new TokenBuckets(perMinute(attachments.rate), clock);
    const { files, bytes, perHours: hours } = attachments.quota;
    this.quotaFiles = new TokenBuckets(perHours(files, hours), clock);
    this.quotaBytes = new TokenBuckets(perHours(bytes, hours), clock);
  }

  /** Lets one frame of the conversation through, or throws `RateLimitedError`. */
  admitFrame(conversationId: string, kind: FrameKind): void {
    const wait = this.frames[kind].take(conversationId);
    if (wait !== undefined)
      throw new RateLimitedError(
        kind === 'message' ? 'messages in this conversation' : 'typing and read signals',
        wait,
      );
  }

  /**
   * Reserves an upload of up to `reserveBytes` for the visitor, or throws `RateLimitedError`
   * (uploading too fast, or the quota of files or bytes spent) with nothing reserved.
   */
  admitUpload(visitorId: string, reserveBytes: number): UploadReservation {
    const rateWait = this.uploads.take(visitorId);
    if (rateWait !== undefined) throw new RateLimitedError('file uploads', rateWait);
    const filesWait = this.quotaFiles.take(visitorId);
    if (filesWait !== undefined)
      throw new RateLimitedError('files uploaded by this visitor', filesWait);
    const bytesWait = this.quotaBytes.take(visitorId, reserveBytes);
    if (bytesWait !== undefined) {
      this.quotaFiles.refund(visitorId, 1);
      throw new RateLimitedError('bytes uploaded by this visitor', bytesWait);
    }
    return {
      settle: (sizeBytes) => {
        this.quotaBytes.refund(visitorId, Math.max(0, reserveBytes - sizeBytes));
      },
      cancel: () => {
        this.quotaFiles.refund(visitorId, 1);
        this.quotaBytes.refund(visitorId, reserveBytes);
      },
    };
  }
}
