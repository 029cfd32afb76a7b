import {
  fileServingHeaders,
  type AdapterRoute,
  type Logger,
  type RouteAnswer,
} from '@tvox-connector/core';
import type { TelegramClient } from '../api/telegram-client.js';
import type { FileTokens } from './file-token.js';

/** Where the route is mounted, below the channel's webhook. */
export const FILE_ROUTE_PATH = '/file';

function refuse(status: number, message: string): RouteAnswer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message };
}

/**
 * `GET {publicUrl}/file?token=...`: the customer's file, streamed from Telegram. The token says
 * which file (signed and expiring, see `FileTokens`); the connector resolves it with `getFile` and
 * downloads it with the bot token, which never leaves the connector. A forged or garbled token is
 * answered 403, an expired one 410, a file Telegram does not give 502. Pictures, sounds, films
 * and PDFs are served inline, anything else (HTML, SVG, scripts) as a download, all with
 * `nosniff` and a sandboxing CSP.
 */
export function fileRoute(
  tokens: FileTokens,
  client: TelegramClient,
  logger: Logger,
): AdapterRoute {
  return {
    method: 'GET',
    path: FILE_ROUTE_PATH,
    async handle(request) {
      const token = request.query.token;
      if (token === undefined || token === '') return refuse(400, 'missing token');
      const read = tokens.read(token);
      if (!read.ok) return refuse(read.reason === 'expired link' ? 410 : 403, read.reason);
      const { file } = read;
      try {
        const download = await client.download(file.fileId);
        return {
          status: 200,
          headers: {
            // The type is the customer's word: served so that it never runs as a page of ours.
            ...fileServingHeaders(file.contentType, file.name),
            'cache-control': 'private, max-age=3600',
            ...(download.size === undefined ? {} : { 'content-length': String(download.size) }),
          },
          body: download.body,
        };
      } catch (error) {
        logger.warn({ err: error, file: file.name }, 'a Telegram file could not be fetched');
        return refuse(502, 'the file could not be fetched from Telegram; try again later');
      }
    },
  };
}
