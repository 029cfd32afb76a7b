import { z } from 'zod';

/** A string with at least one character. */
export const NonEmptyString = z.string().min(1);

/** An ISO 8601 date-time with a UTC offset, e.g. `2026-11-25T10:00:00.000Z`. */
export const IsoDateTime = z.iso.datetime({ offset: true });
/** An ISO 8601 date-time with a UTC offset. */
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** An absolute http(s) URL. */
export const HttpUrl = z.url({
  protocol: /^https?$/,
  // A missing URL is "required", as any missing setting; a wrong one says what is expected.
  error: (issue) => (issue.input === undefined ? 'required' : 'expected an absolute http(s) URL'),
});

/** A BCP 47 language tag such as `it`, `en-GB` or `pt_BR` (networks use both separators). */
export const Locale = z
  .string()
  .regex(
    /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/,
    'expected a language tag such as "it" or "en-GB"',
  );
/** A BCP 47 language tag. */
export type Locale = z.infer<typeof Locale>;
