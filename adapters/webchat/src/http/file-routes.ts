import { Readable } from 'node:stream';
import {
  InvalidInputError,
  PayloadTooLargeError,
  SignatureError,
  UnsupportedMediaTypeError,
  errorReply,
  fileServingHeaders,
  matchesContentType,
} from '@tvox-connector/core';
import type { FastifyInstance } from 'fastify';
import { answerError } from './answer-error.js';
import type { AttachmentFiles } from '../attachments/attachment-files.js';
import type { AttachmentLinks } from '../attachments/attachment-links.js';
import type { VisitorLimits } from '../limits/visitor-limits.js';
import type { WebchatAdapter } from '../webchat-adapter.js';
import type { WebchatSettings } from '../webchat-settings.js';

/** What the file routes work with. */
export interface FileRouteDeps {
  readonly adapter: WebchatAdapter;
  readonly files: AttachmentFiles;
  readonly links: AttachmentLinks;
  readonly settings: WebchatSettings;
  readonly limits: VisitorLimits;
}

/** The file name from `X-File-Name` (URI-encoded, since headers are ASCII). */
function fileName(header: string | string[] | undefined): string {
  const raw = typeof header === 'string' ? header : undefined;
  let name: string | undefined;
  try {
    name = raw === undefined ? undefined : decodeURIComponent(raw);
  } catch {
    name = undefined;
  }
  // Keep the last path segment only, without control characters or quotes.
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = Array.from(last)
    .filter((c) => c >= ' ' && c !== '\u007f' && c !== '"')
    .join('');
  if (clean === '' || clean.length > 255)
    throw new InvalidInputError('file upload', [
      { path: 'x-file-name', message: 'expected the URI-encoded file name, 1 to 255 characters' },
    ]);
  return clean;
}

/**
 * `POST /files`: a visitor uploads one file as the raw body, its MIME type as `Content-Type` and
 * its name in `X-File-Name`, authenticated with the visitor token; answered 201 with a reference
 * for the message and a link (413 over the size limit, 415 for a refused type, 429 over the
 * visitor's upload rate or quota, 503 when the disk is nearly full). `GET /files/:id` serves it
 * back to whoever holds an unexpired signed link.
 */
export async function fileRoutes(app: FastifyInstance, deps: FileRouteDeps): Promise<void> {
  // The body is streamed to disk as it comes, never held in memory.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => {
    done(null, payload);
  });

  app.post('/files', async (request, reply) => {
    try {
      const visitor = deps.adapter.visitorOf({
        method: request.method,
        path: request.url,
        query: {},
        headers: { authorization: request.headers.authorization },
        rawBody: Buffer.alloc(0),
      });
      const limits = deps.settings.attachments;
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      if (!matchesContentType(limits.contentTypes, contentType) || contentType === '')
        throw new UnsupportedMediaTypeError(contentType, limits.contentTypes);
      const declared = Number(request.headers['content-length'] ?? NaN);
      if (declared > limits.maxBytes) throw new PayloadTooLargeError(limits.maxBytes, declared);
      const name = fileName(request.headers['x-file-name']);
      if (!(request.body instanceof Readable))
        throw new InvalidInputError('file upload', [{ path: '', message: 'the file is empty' }]);
      // Without a declared length the largest file is reserved; what is not used goes back.
      const expected = Number.isInteger(declared) && declared >= 0 ? declared : limits.maxBytes;
      const reservation = deps.limits.admitUpload(visitor.id, expected);
      let file;
      try {
        await deps.files.ensureSpace(expected, limits.minFreeBytes);
        file = await deps.files.save(
          request.body,
          { name, contentType, visitorId: visitor.id },
          limits.maxBytes,
        );
      } catch (error) {
        reservation.cancel();
        throw error;
      }
      reservation.settle(file.size);
      return await reply.code(201).send({
        reference: deps.links.reference(file),
        name: file.name,
        contentType: file.contentType,
        size: file.size,
        url: deps.links.url(file.id),
      });
    } catch (error) {
      // An unread body would keep the connection busy: close it after answering.
      if (request.body instanceof Readable && !request.body.readableEnded)
        reply.header('connection', 'close');
      return answerError(reply, error);
    }
  });

  app.get<{ Params: { id: string }; Querystring: { expires?: string; signature?: string } }>(
    '/files/:id',
    async (request, reply) => {
      try {
        deps.links.check(request.params.id, request.query.expires, request.query.signature);
        const opened = await deps.files.open(request.params.id);
        if (!opened)
          return await reply
            .code(404)
            .send({ error: { code: 'NOT_FOUND', message: 'no such file' } });
        return await reply
          .headers({
            ...fileServingHeaders(opened.file.contentType, opened.file.name),
            'cache-control': 'private, max-age=300',
          })
          .send(opened.bytes);
      } catch (error) {
        // A file link that does not check out is forbidden, not a missing credential.
        const { status, body } = errorReply(error);
        return reply.code(error instanceof SignatureError ? 403 : status).send(body);
      }
    },
  );
}
