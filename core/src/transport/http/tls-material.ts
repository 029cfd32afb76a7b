import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import type { TvoxTls } from '../../config/tvox-connection.js';
import { ConfigError } from '../../errors/input-errors.js';
import type { ValidationIssue } from '../../errors/validation-issue.js';

/** {@link TvoxTls} with its files read: what a TLS connection to TVox is made with. */
export interface TlsMaterial {
  /** Trusted certificate authorities, PEM. */
  readonly ca?: string;
  /** Client certificate, PEM. */
  readonly cert?: string;
  /** Client key, PEM. */
  readonly key?: string;
  readonly passphrase?: string;
  readonly servername?: string;
  readonly rejectUnauthorized: boolean;
}

type PemField = 'ca' | 'cert' | 'key';

/**
 * Reads the PEM files `tls` names (a value containing `-----BEGIN` is PEM text itself) and checks
 * that OpenSSL accepts the CA bundle and the client certificate with its key and passphrase, so
 * that a bad setting stops the start instead of failing every call. Throws one `ConfigError`
 * listing every problem under `path` (`tvox.tls.ca`, ...); it names files, never their content.
 */
export function loadTlsMaterial(tls: TvoxTls, path = 'tvox.tls'): TlsMaterial {
  const issues: ValidationIssue[] = [];
  const pem = (field: PemField): string | undefined => {
    const value = tls[field];
    if (value === undefined || value.includes('-----BEGIN')) return value;
    try {
      return readFileSync(value, 'utf8');
    } catch (error) {
      issues.push({ path: `${path}.${field}`, message: `cannot read ${value}: ${reason(error)}` });
      return undefined;
    }
  };
  const material: TlsMaterial = {
    ca: pem('ca'),
    cert: pem('cert'),
    key: pem('key'),
    passphrase: tls.passphrase,
    servername: tls.servername,
    rejectUnauthorized: tls.rejectUnauthorized,
  };
  if (issues.length === 0) {
    if (material.ca !== undefined) checkCaBundle(`${path}.ca`, material.ca, issues);
    const { cert, key, passphrase } = material;
    if (cert !== undefined)
      checkClientCertificate(`${path}.cert`, { cert, key, passphrase }, issues);
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return material;
}

/** Node skips what it cannot read in a CA bundle: every certificate is parsed here instead. */
function checkCaBundle(path: string, bundle: string, issues: ValidationIssue[]): void {
  const certificates = bundle.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g);
  if (certificates === null) {
    issues.push({ path, message: 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)' });
    return;
  }
  certificates.forEach((certificate, index) => {
    try {
      new X509Certificate(certificate);
    } catch (error) {
      issues.push({ path, message: `certificate ${index + 1} is unusable: ${reason(error)}` });
    }
  });
}

/** OpenSSL refuses a bad PEM, a wrong passphrase, or a key that is not the certificate's. */
function checkClientCertificate(
  path: string,
  options: SecureContextOptions,
  issues: ValidationIssue[],
): void {
  try {
    createSecureContext(options);
  } catch (error) {
    issues.push({ path, message: `unusable with its key and passphrase: ${reason(error)}` });
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
