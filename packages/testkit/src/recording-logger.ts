import type { LogFields, LogMethod, Logger } from '@tvox-connector/core';

/** A log line's level, `fatal` aside (nothing a test watches logs at it). */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** One line a {@link RecordingLogger} kept. */
export interface LoggedLine {
  readonly level: LogLevel;
  readonly message: string;
  /** The line's fields, its logger's bindings (`child`) among them. */
  readonly fields: LogFields;
}

/**
 * A core `Logger` that keeps every line, its children's too, in one list, for a test to read
 * what was logged and how often. `fatal` lines are kept as `error`.
 */
export class RecordingLogger implements Logger {
  readonly trace = this.at('trace');
  readonly debug = this.at('debug');
  readonly info = this.at('info');
  readonly warn = this.at('warn');
  readonly error = this.at('error');
  readonly fatal = this.at('error');

  constructor(
    readonly lines: LoggedLine[] = [],
    private readonly bindings: LogFields = {},
  ) {}

  child(bindings: LogFields): Logger {
    return new RecordingLogger(this.lines, { ...this.bindings, ...bindings });
  }

  /** The messages logged at `level`, in order. */
  messages(level: LogLevel): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }

  private at(level: LogLevel): LogMethod {
    return (fieldsOrMessage: LogFields | string, message?: string): void => {
      const line =
        typeof fieldsOrMessage === 'string'
          ? { message: fieldsOrMessage, fields: {} }
          : { message: message ?? '', fields: fieldsOrMessage };
      this.lines.push({
        level,
        message: line.message,
        fields: { ...this.bindings, ...line.fields },
      });
    };
  }
}
