import { ERROR_CODES, type ErrorCode } from './codes.js';

export type FieldErrors = Record<string, string[]>;

export interface Igny8ErrorOptions {
  /** What the user should do about it. */
  hint?: string;
  /** Per-field validation messages, keyed by dotted path. */
  fields?: FieldErrors;
  /** Extra machine-readable details (safe to show: never secrets). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The only error type the core throws on purpose. `message` says what happened; `hint` what to do.
 * @example throw new Igny8Error('SITE_NOT_FOUND', `No site "${slug}"`, { hint: 'List sites with `igny8 site list`.' })
 */
export class Igny8Error extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly fields: FieldErrors | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: Igny8ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Igny8Error';
    this.code = code;
    this.hint = options.hint;
    this.fields = options.fields;
    this.details = options.details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  get kind(): 'user' | 'transient' | 'bug' {
    return ERROR_CODES[this.code].kind;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.fields ? { errors: this.fields } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function isIgny8Error(err: unknown): err is Igny8Error {
  return err instanceof Igny8Error;
}
