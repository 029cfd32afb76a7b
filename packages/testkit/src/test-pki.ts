import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PEM file and its text. */
export interface PemFile {
  readonly file: string;
  readonly pem: string;
}

/** A certificate with its private key. */
export interface CertificateAndKey {
  readonly cert: PemFile;
  readonly key: PemFile;
}

/** Certificates made for one test run by {@link createTestPki}, in a temporary folder. */
export interface TestPki {
  readonly folder: string;
  /** The private CA that signed `server` and `client`. */
  readonly ca: PemFile;
  /** A server certificate for `localhost` and `127.0.0.1`, signed by `ca`. */
  readonly server: CertificateAndKey;
  /** A client certificate (CN `connector`) signed by `ca`, for mutual TLS. */
  readonly client: CertificateAndKey;
  /** `client`'s key encrypted with {@link TEST_KEY_PASSPHRASE}. */
  readonly encryptedClientKey: PemFile;
  /** A client certificate (CN `stranger`) signed by another CA, which `ca`'s servers refuse. */
  readonly stranger: CertificateAndKey;
  /** Deletes the folder. */
  remove(): void;
}

/** The passphrase of {@link TestPki.encryptedClientKey}. */
export const TEST_KEY_PASSPHRASE = 'test-key-passphrase';

/** An EC key: made in milliseconds, where RSA takes a noticeable part of a second. */
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-noenc'];

/**
 * Makes a private CA and certificates signed by it with the `openssl` command line, valid for two
 * days, in a fresh temporary folder: for tests of TLS with a private CA and of mutual TLS. Call it
 * in a `before` hook and `remove()` in `after`.
 */
export function createTestPki(): TestPki {
  const folder = mkdtempSync(join(tmpdir(), 'tvox-pki-'));
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const pem = (name: string): PemFile => {
    const file = join(folder, name);
    return { file, pem: readFileSync(file, 'utf8') };
  };
  const authority = (name: string): void => {
    openssl(
      ...['req', '-x509', ...NEW_KEY, '-days', '2', '-subj', `/CN=${name} test CA`],
      ...['-keyout', `${name}-ca.key`, '-out', `${name}-ca.crt`],
    );
  };
  const leaf = (name: string, signer: string, extensions: readonly string[]): CertificateAndKey => {
    openssl(
      ...['req', '-x509', ...NEW_KEY, '-days', '2', '-subj', `/CN=${name}`],
      ...['-CA', `${signer}-ca.crt`, '-CAkey', `${signer}-ca.key`],
      ...['basicConstraints=critical,CA:FALSE', ...extensions].flatMap((e) => ['-addext', e]),
      ...['-keyout', `${name}.key`, '-out', `${name}.crt`],
    );
    return { cert: pem(`${name}.crt`), key: pem(`${name}.key`) };
  };
  authority('private');
  authority('other');
  const server = leaf('localhost', 'private', [
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
    'extendedKeyUsage=serverAuth',
  ]);
  const client = leaf('connector', 'private', ['extendedKeyUsage=clientAuth']);
  const stranger = leaf('stranger', 'other', ['extendedKeyUsage=clientAuth']);
  openssl(
    ...['pkey', '-in', 'connector.key', '-aes256', '-passout', `pass:${TEST_KEY_PASSPHRASE}`],
    ...['-out', 'connector-encrypted.key'],
  );
  return {
    folder,
    ca: pem('private-ca.crt'),
    server,
    client,
    encryptedClientKey: pem('connector-encrypted.key'),
    stranger,
    remove: () => {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
