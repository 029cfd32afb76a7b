import { z } from 'zod';
import { HttpUrl, NonEmptyString } from '../model/primitives.js';

/**
 * A PEM value: the text itself (it contains `-----BEGIN`), or the path of a file holding it,
 * read once when the transport is built.
 */
const PemOrFile = NonEmptyString;

/**
 * TLS towards TVox, for calls and for loading the WSDL/WADL and its imports alike. Unknown keys
 * are refused, so that a misspelt setting never silently weakens the connection.
 */
export const TvoxTls = z
  .strictObject({
    /**
     * The certificate authorities trusted for TVox's certificate (a PEM bundle, or its file), in
     * place of the public ones: for a TVox whose certificate a private CA signed.
     */
    ca: PemOrFile.optional(),
    /** The connector's client certificate for mutual TLS (PEM, or its file); needs `key`. */
    cert: PemOrFile.optional(),
    /** The private key of `cert` (PEM, or its file); needs `cert`. */
    key: PemOrFile.optional(),
    /** The passphrase of an encrypted `key`. */
    passphrase: z.string().optional(),
    /**
     * The name sent in SNI and checked against TVox's certificate, when it differs from the host
     * of `tvox.url` (TVox reached by IP address, or through a name its certificate does not list).
     */
    servername: NonEmptyString.optional(),
    /**
     * Whether TVox's certificate must be valid and trusted. Turning it off accepts any server,
     * including one in the middle reading the credentials: use `ca` instead, and never turn it off
     * outside a test bench.
     */
    rejectUnauthorized: z.boolean().default(true),
  })
  .strict()
  .superRefine((tls, ctx) => {
    if ((tls.cert === undefined) === (tls.key === undefined)) return;
    ctx.addIssue({
      code: 'custom',
      path: [tls.cert === undefined ? 'cert' : 'key'],
      message: 'a client certificate needs both cert and key: set the missing one, or neither',
    });
  });
/** TLS towards TVox. */
export type TvoxTls = z.infer<typeof TvoxTls>;

/**
 * An outbound HTTP(S) proxy between the connector and TVox, for calls and for loading the
 * WSDL/WADL alike: `http://` TVox URLs are sent to it in absolute form, `https://` ones tunnelled
 * with `CONNECT`.
 */
export const TvoxProxy = z
  .strictObject({
    /**
     * The proxy's URL, e.g. `http://proxy.internal:3128`; credentials in it
     * (`http://user:password@proxy:3128`) are sent as `Proxy-Authorization` and never logged.
     */
    url: HttpUrl,
    /**
     * Hosts reached directly, in `NO_PROXY` syntax: `tvox.internal`, `tvox.internal:8443`,
     * `.example.com` (the domain and its subdomains), or `*` (every host).
     */
    noProxy: z.array(NonEmptyString).default([]),
  })
  .strict();
/** An outbound proxy between the connector and TVox. */
export type TvoxProxy = z.infer<typeof TvoxProxy>;
