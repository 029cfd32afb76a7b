import {
  InvalidInputError,
  SignatureError,
  parseInput,
  type Clock,
  type InboundActivity,
  type ParseResult,
  type WebhookRequest,
} from '@tvox-connector/core';
import type { AttachmentLinks } from '../attachments/attachment-links.js';
import type { Visitor, VisitorTokens } from '../identity/visitor-token.js';
import { verifyVisitorRequest } from './verify.js';
import type { VisitorFrame, VisitorFrameSchema } from './visitor-frame.js';

/** What parsing needs besides the request. */
export interface ParseContext {
  readonly channel: string;
  readonly tokens: VisitorTokens;
  readonly links: AttachmentLinks;
  readonly clock: Clock;
  /** {@link visitorFrameSchema} for the channel's text limit. */
  readonly frames: VisitorFrameSchema;
}

/** The request's visitor; `parse` runs on verified requests, so a bad token is a bad request. */
function visitorOf(request: WebhookRequest, context: ParseContext): Visitor {
  try {
    return verifyVisitorRequest(request, context.tokens);
  } catch (error) {
    throw new InvalidInputError(
      'visitor request',
      [{ path: 'authorization', message: 'not a verified visitor token' }],
      { cause: error },
    );
  }
}

function jsonOf(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw new InvalidInputError('visitor frame', [{ path: '', message: 'not JSON' }], {
      cause: error,
    });
  }
}

/** The frame's activity; attachment references are checked and become fresh links. */
function activityOf(frame: VisitorFrame, visitor: Visitor, context: ParseContext): InboundActivity {
  const conversation = { channel: context.channel, id: visitor.id };
  const at = new Date(context.clock.now()).toISOString();
  const sender = {
    id: visitor.id,
    ...(visitor.identity?.name === undefined ? {} : { displayName: visitor.identity.name }),
    ...(visitor.identity?.email === undefined ? {} : { email: visitor.identity.email }),
    ...(frame.type === 'message' && frame.locale !== undefined ? { locale: frame.locale } : {}),
  };
  switch (frame.type) {
    case 'typing':
      return { kind: 'typing', conversation, sender, at };
    case 'receipt':
      return {
        kind: 'receipt',
        conversation,
        status: frame.status,
        networkMessageIds: frame.ids,
        at,
      };
    case 'message':
      return {
        kind: 'message',
        networkMessageId: frame.clientId,
        conversation,
        sender,
        ...(frame.text === undefined ? {} : { text: frame.text }),
        attachments: frame.attachments.map((reference, i) => {
          try {
            return context.links.resolve(reference, visitor.id);
          } catch (error) {
            if (!(error instanceof SignatureError)) throw error;
            throw new InvalidInputError(
              'visitor message',
              [{ path: `attachments.${i}`, message: error.reason }],
              { cause: error },
            );
          }
        }),
        ...(frame.quickReplyPayload === undefined
          ? {}
          : { quickReplyPayload: frame.quickReplyPayload }),
        sentAt: at,
      };
  }
}

/**
 * Turns a verified visitor request (an HTTP POST body or a WebSocket frame) into the activity it
 * carries. Throws `InvalidInputError` (answered 400) for anything malformed, and nothing else.
 */
export function parseVisitorRequest(request: WebhookRequest, context: ParseContext): ParseResult {
  const visitor = visitorOf(request, context);
  const frame = parseInput(context.frames, jsonOf(request.rawBody), 'visitor frame');
  return { kind: 'activities', activities: [activityOf(frame, visitor, context)] };
}
