import { InvalidInputError } from '@tvox-connector/core';

/** One `name=value` pair of a form-encoded body, decoded, in the order it came. */
export type FormField = readonly [name: string, value: string];

/** A percent sign not followed by two hexadecimal digits: not form encoding. */
const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})/;

/**
 * Reads an `application/x-www-form-urlencoded` body (`+` is a space, `%XX` a byte of UTF-8) into
 * its fields, repeated names kept. Throws `InvalidInputError` for what is not form encoding: a
 * broken escape, bytes that are not UTF-8, control characters.
 */
export function readForm(rawBody: Buffer): FormField[] {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(rawBody);
  // Form encoding is printable ASCII; a raw control byte or non-ASCII byte is something else.
  if (/[^\x21-\x7e]/.test(text)) {
    throw notForm('raw bytes that form encoding escapes (a space, a control or non-ASCII byte)');
  }
  if (BAD_ESCAPE.test(text)) {
    throw notForm('a % not followed by two hexadecimal digits');
  }
  const fields: FormField[] = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decode(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? '' : decode(pair.slice(at + 1));
    fields.push([name, value]);
  }
  return fields;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    throw notForm('escapes that are not UTF-8');
  }
}

/** The fields as a record, for names that come once; the first value of a repeated name wins. */
export function formRecord(fields: readonly FormField[]): Readonly<Record<string, string>> {
  const record: Record<string, string> = {};
  for (const [name, value] of fields) if (!Object.hasOwn(record, name)) record[name] = value;
  return record;
}

function notForm(problem: string): InvalidInputError {
  return new InvalidInputError('Twilio webhook', [
    { path: '', message: `not application/x-www-form-urlencoded: ${problem}` },
  ]);
}
