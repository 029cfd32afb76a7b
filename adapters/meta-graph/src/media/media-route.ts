import type { AdapterRoute, Logger, RouteAnswer } from '@tvox-connector/core';
import type { GraphClient, MediaDownload } from '../api/graph-client.js';
import type { MediaLinks, MediaRef } from './media-links.js';

/** Where the route is mounted, below the channel's webhook. */
export const MEDIA_ROUTE_PATH = '/media';

function refuse(status: number, message: string): RouteAnswer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message };
}

/**
 * `GET {publicUrl}/media?token=...`: a customer's file, streamed from Meta at the moment it is
 * asked for. The token says which file (see {@link MediaLinks}); a missing one is answered 400, a
 * forged or garbled one 403, an expired one 410, and a file Meta no longer gives (its URL
 * expired, say) 502. `fetch` fetches the file a token names: by default, its URL, without a
 * token; WhatsApp's adapter resolves a media id first.
 */
export function mediaRoute(
  links: MediaLinks,
  client: GraphClient,
  logger: Logger,
  fetch: (media: MediaRef) => Promise<MediaDownload> = (media) => client.download(media.url),
): AdapterRoute {
  return {
    method: 'GET',
    path: MEDIA_ROUTE_PATH,
    async handle(request) {
      const token = request.query.token;
      if (token === undefined || token === '') return refuse(400, 'missing token');
      const read = links.read(token);
      if (!read.ok) return refuse(read.reason === 'expired link' ? 410 : 403, read.reason);
      const { media } = read;
      try {
        const download = await fetch(media);
        return {
          status: 200,
          headers: {
            'content-type': media.contentType,
            'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(media.name)}`,
            'cache-control': 'private, max-age=3600',
            ...(download.size === undefined ? {} : { 'content-length': String(download.size) }),
          },
          body: download.body,
        };
      } catch (error) {
        logger.warn(
          { err: error, file: media.name },
          'a customer’s file could not be fetched from Meta',
        );
        return refuse(502, 'the file could not be fetched from Meta; it may have expired there');
      }
    },
  };
}
