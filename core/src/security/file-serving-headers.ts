/**
 * Types a browser shows as a picture, a sound, a film or a document and never runs: served inline.
 * Anything else (HTML, SVG, XML, JavaScript, a type unknown to us) could run as a page of the
 * connector's origin, so it is served as a download.
 */
const SHOWN_INLINE =
  /^(image\/(png|jpeg|gif|webp|avif|bmp)|audio\/(ogg|mpeg|mp4|aac|wav|webm|opus)|video\/(mp4|webm|ogg|quicktime)|application\/pdf)$/;

/** A `type/subtype` without parameters, characters of RFC 9110 tokens only. */
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/**
 * The headers to serve a file someone else declared the type of (a customer's upload) with, so
 * that it never runs as a page of the connector: `nosniff` (the browser keeps to the declared
 * type), a CSP that forbids everything and sandboxes what is shown anyway, and
 * `Content-Disposition: attachment` unless the type is a picture, sound, film or PDF. A declared
 * type that is not a plain media type is served as `application/octet-stream`.
 */
export function fileServingHeaders(declaredType: string, fileName: string): Record<string, string> {
  const bare = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  const contentType = MEDIA_TYPE.test(bare) ? bare : 'application/octet-stream';
  const disposition = SHOWN_INLINE.test(contentType) ? 'inline' : 'attachment';
  return {
    'content-type': contentType,
    'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'content-security-policy': "default-src 'none'; sandbox",
    'x-content-type-options': 'nosniff',
  };
}
