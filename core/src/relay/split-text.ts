/** Characters a text may be split after: spaces, tabs and line breaks, never a no-break space. */
const BREAK = /[ \t\r\n]/;

const isBreak = (char: string | undefined): boolean => char !== undefined && BREAK.test(char);

/**
 * Splits text into parts of at most `limit` characters (UTF-16 code units) that, concatenated,
 * give back the text. Each part ends after a run of whitespace (kept with the part it ends), the
 * last such end within the limit, so that a word is cut only when it does not fit a part with the
 * whitespace before it (a word as long as the limit after a space is cut too, since nothing of
 * the text is dropped). Such a word is cut at the limit, or one before it rather than inside a
 * surrogate pair.
 */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const end = lastWordEnd(rest, limit) ?? hardCut(rest, limit);
    parts.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

/**
 * The last position within `limit` where a run of whitespace ends and a word follows, given a
 * word before it (a part of whitespace alone would show nothing).
 */
function lastWordEnd(text: string, limit: number): number | undefined {
  const firstWord = text.search(/[^ \t\r\n]/);
  for (let end = limit; end >= firstWord + 2; end--) {
    if (isBreak(text[end - 1]) && !isBreak(text[end])) return end;
  }
  return undefined;
}

/** Where to cut a word longer than the limit: at the limit, unless that splits a character. */
function hardCut(text: string, limit: number): number {
  const splitsPair =
    limit > 1 &&
    isHighSurrogate(text.charCodeAt(limit - 1)) &&
    isLowSurrogate(text.charCodeAt(limit));
  return splitsPair ? limit - 1 : limit;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
