import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  ConfigError,
  ContractMismatchError,
  ErrorCode,
  HTTP_STATUS,
  InvalidInputError,
  NetworkApiError,
  PayloadTooLargeError,
  RemoteRejectedError,
  SignatureError,
  StoreError,
  TransportCallError,
  TvoxError,
  UnknownSessionError,
  UnsupportedMediaTypeError,
  isRetryable,
  isTvoxError,
  remoteRejection,
} from '@tvox-connector/core';

describe('errors', () => {
  describe('docs/errors.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'errors.md'), 'utf8');
    const documented = [...doc.matchAll(/^\|\s*`(TVOX_ERR_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]);

    it('has a row for every error code', () => {
      const missing = Object.values(ErrorCode).filter((code) => !documented.includes(code));
      expect(missing, 'codes without a row in docs/errors.md').to.deep.equal([]);
    });

    it('gives every code the HTTP status its errors answer with', () => {
      const rows = [
        ...doc.matchAll(/^\|\s*`(TVOX_ERR_[A-Z_]+)`\s*\|[^|]*\|[^|]*\|\s*(\d{3})\s*\|/gm),
      ];
      const documentedStatus: Record<string, number> = Object.fromEntries(
        rows.map((m): [string, number] => [m[1] ?? '', Number(m[2])]),
      );
      expect(documentedStatus).to.deep.equal(HTTP_STATUS);
    });

    it('documents no code that does not exist', () => {
      const known: readonly string[] = Object.values(ErrorCode);
      expect(documented.filter((code) => !known.includes(code!))).to.deep.equal([]);
    });
  });

  it('keeps "TVox said no" apart from "the call failed"', () => {
    const rejected = new RemoteRejectedError(
      'openSession',
      'UNKNOWN_SERVICE',
      'no such service',
      'unknown-service',
    );
    const failed = new TransportCallError('openSession', 'timeout', 'no answer after 10000 ms');
    expect(rejected.code).to.equal('TVOX_ERR_REMOTE_REJECTED');
    expect(rejected.retryable).to.equal(false);
    expect(rejected.message).to.contain('service code');
    expect(failed.code).to.equal('TVOX_ERR_TRANSPORT_CALL_FAILED');
    expect(failed.retryable).to.equal(true);
    expect(failed).not.to.be.instanceOf(RemoteRejectedError);
  });

  it('names the accepted types when a file type is refused', () => {
    const error = new UnsupportedMediaTypeError('video/mp4', ['image/*', 'application/pdf']);
    expect(error.code).to.equal('TVOX_ERR_UNSUPPORTED_MEDIA_TYPE');
    expect(error.retryable).to.equal(false);
    expect(error.message).to.contain('"video/mp4"').and.to.contain('image/*, application/pdf');
  });

  it('retries a rejection only when its meaning is temporary (unavailable, no licence)', () => {
    expect(
      new RemoteRejectedError('sendMessage', 'BUSY', undefined, 'unavailable').retryable,
    ).to.equal(true);
    expect(remoteRejection('openSession', 'NO_LICENSE', 'all in use', 'no-license')).to.include({
      code: 'TVOX_ERR_NO_LICENSE',
      retryable: true,
      retryAfterMs: 60_000,
    });
    for (const meaning of [
      'unauthorized',
      'invalid-request',
      'session-closed',
      'rejected',
    ] as const) {
      expect(
        new RemoteRejectedError('sendMessage', 'X', undefined, meaning).retryable,
        meaning,
      ).to.equal(false);
    }
    expect(new RemoteRejectedError('sendMessage', 'SOME_NEW_CODE').meaning).to.equal('rejected');
  });

  it('maps UNKNOWN_SESSION on a session command to UnknownSessionError', () => {
    const error = remoteRejection(
      'sendMessage',
      'UNKNOWN_SESSION',
      'gone',
      'unknown-session',
      's-1',
    );
    expect(error).to.be.instanceOf(RemoteRejectedError);
    if (!(error instanceof UnknownSessionError)) return expect.fail('expected UnknownSessionError');
    expect(error.code).to.equal('TVOX_ERR_UNKNOWN_SESSION');
    expect(error.sessionId).to.equal('s-1');
    const other = remoteRejection('openSession', 'UNKNOWN_SERVICE', undefined, 'unknown-service');
    expect(other).not.to.be.instanceOf(UnknownSessionError);
    expect(remoteRejection('openSession', undefined, undefined).remoteCode).to.equal('UNSPECIFIED');
  });

  it('retries HTTP failures except permanent 4xx', () => {
    const status = (s: number) =>
      new TransportCallError('sendMessage', 'http-status', `HTTP ${s}`, s);
    expect(status(500).retryable).to.equal(true);
    expect(status(503).retryable).to.equal(true);
    expect(status(429).retryable).to.equal(true);
    expect(status(408).retryable).to.equal(true);
    expect(status(400).retryable).to.equal(false);
    expect(status(401).retryable).to.equal(false);
    expect(status(401).message).to.contain('tvox.auth');
    expect(new TransportCallError('x', 'connection', 'ECONNREFUSED').retryable).to.equal(true);
  });

  it('carries the network retry hint and defaults retryable from the status', () => {
    const throttled = new NetworkApiError('telegram', 'sendMessage', 'Too Many Requests', {
      status: 429,
      retryAfterMs: 3000,
    });
    expect(throttled.retryable).to.equal(true);
    expect(throttled.retryAfterMs).to.equal(3000);
    const blocked = new NetworkApiError('telegram', 'sendMessage', 'bot was blocked by the user', {
      status: 403,
      networkCode: '403',
    });
    expect(blocked.retryable).to.equal(false);
    expect(new NetworkApiError('meta', 'send', 'ECONNRESET').retryable).to.equal(true);
    expect(
      new NetworkApiError('meta', 'send', 'odd', { status: 400, retryable: true }).retryable,
    ).to.equal(true);
  });

  it('lists every gap of a contract mismatch and says how to fix the map', () => {
    const error = new ContractMismatchError('http://tvox/mc/cxf/soap?wsdl', [
      { kind: 'operation', command: 'pollEvents', expected: 'pollEvents' },
      { kind: 'field', command: 'openSession', expected: 'channelSessionId' },
    ]);
    expect(error.message).to.contain('2 gaps');
    expect(error.message).to.contain('pollEvents: operation "pollEvents"');
    expect(error.message).to.contain('openSession: field "channelSessionId"');
    expect(error.message).to.contain('tvox-connector inspect');
  });

  it('lists every validation issue with its path', () => {
    const error = new InvalidInputError('inbound message', [
      { path: 'conversation.id', message: 'required' },
      { path: '', message: 'expected an object' },
    ]);
    expect(error.message).to.contain('- conversation.id: required');
    expect(error.message).to.contain('- (root): expected an object');
    expect(new ConfigError([{ path: 'tvox.url', message: 'required' }]).message).to.contain(
      '(1 problem)',
    );
  });

  it('keeps the cause, names the class, and serialises without secrets or stack', () => {
    const cause = new Error('ECONNRESET');
    const error = new StoreError('accept', 'connection lost', { cause });
    expect(error.cause).to.equal(cause);
    expect(error.name).to.equal('StoreError');
    expect(error.retryable).to.equal(true);
    expect(error.toJSON()).to.deep.equal({
      name: 'StoreError',
      code: 'TVOX_ERR_STORE',
      retryable: true,
      message: error.message,
      cause: 'ECONNRESET',
    });
    expect(new StoreError('migrate', 'bad schema', { retryable: false }).retryable).to.equal(false);
    const signature = new SignatureError('signature does not match');
    expect(signature.message).not.to.match(/secret=/);
  });

  it('states sizes in a payload-too-large message', () => {
    expect(new PayloadTooLargeError(1024, 4096).message).to.contain(
      '4096 bytes exceeds the limit of 1024',
    );
    expect(new PayloadTooLargeError(1024).message).to.contain('unknown size');
  });

  it('recognises its errors, even from another copy of the package, and only them', () => {
    expect(isTvoxError(new SignatureError('missing header'))).to.equal(true);
    const foreign = Object.assign(new Error('x'), { code: 'TVOX_ERR_STORE', retryable: true });
    expect(isTvoxError(foreign)).to.equal(true);
    expect(isTvoxError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).to.equal(false);
    expect(isTvoxError('TVOX_ERR_STORE')).to.equal(false);
    expect(isRetryable(new TransportCallError('x', 'timeout', 't'))).to.equal(true);
    expect(isRetryable(new Error('plain errors are not retried'))).to.equal(false);
    expect(new SignatureError('x')).to.be.instanceOf(TvoxError);
  });
});
