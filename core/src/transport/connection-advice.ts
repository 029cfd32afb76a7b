/** OpenSSL's verdicts on TVox's certificate, as Node names them. */
const UNTRUSTED_CERTIFICATE = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Which setting to look at for a connection failure, from its error codes (the error's and its
 * cause's), message and URL; undefined when none is to blame more than the network.
 */
export function connectionAdvice(
  codes: readonly string[],
  message: string,
  url: string | undefined,
): string | undefined {
  if (codes.some((code) => UNTRUSTED_CERTIFICATE.has(code))) {
    return (
      "TLS: TVox's certificate is not trusted; set tvox.tls.ca to the CA that signed it, and " +
      'tvox.tls.servername to the name it was issued for if TVox is reached by another'
    );
  }
  if (codes.some((code) => code.startsWith('ERR_SSL_'))) {
    return 'TLS: TVox refused the handshake; check tvox.tls.cert and tvox.tls.key (mutual TLS)';
  }
  // undici gives a refused proxy no code of its own, only these messages.
  if (/Proxy.*\(407\)/.test(message)) {
    return 'the proxy refused the credentials in tvox.proxy.url';
  }
  // Over TLS 1.3 a server checks the client certificate after the handshake, and a refusal
  // reaches the client as a closed connection, the alert saying why lost on the way.
  if (codes.includes('UND_ERR_SOCKET') && url?.startsWith('https:')) {
    return (
      'over TLS this is also how TVox refuses a missing or untrusted client certificate: ' +
      'check tvox.tls.cert and tvox.tls.key'
    );
  }
  return undefined;
}
