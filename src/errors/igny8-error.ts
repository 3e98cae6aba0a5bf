import type { HintAction } from '../api-contract/hint-actions.js';
import { ERROR_CODES, type ErrorCode } from './codes.js';
import { wordHint, type HintSurface } from './hint-wording.js';

export type FieldErrors = Record<string, string[]>;

export interface Igny8ErrorOptions {
  /** What the user should do about it, in words that fit every surface. */
  hint?: string;
  /**
   * What the user should do, as an action each surface words for itself (a command on the CLI, a
   * route in the API, a page in the dashboard). Prefer it to a hint that names a command.
   */
  action?: HintAction;
  /** Per-field validation messages, keyed by dotted path. */
  fields?: FieldErrors;
  /** Extra machine-readable details (safe to show: never secrets). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The only error type the core throws on purpose. `message` says what happened; `hint` what to do.
 * `hint` is the CLI's wording when the error carries an action (the library's default surface);
 * other surfaces ask `hintFor(surface)`.
 * @example throw new Igny8Error('SITE_NOT_FOUND', `No site "${slug}"`, { action: { id: 'list_sites' } })
 */
export class Igny8Error extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly action: HintAction | undefined;
  readonly fields: FieldErrors | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: Igny8ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Igny8Error';
    this.code = code;
    this.action = options.action;
    this.hint = options.hint ?? (options.action ? wordHint(options.action, 'cli') : undefined);
    this.fields = options.fields;
    this.details = options.details;
  }

  /** The hint as a surface words it: the action's wording there, else the surface-neutral hint. */
  hintFor(surface: HintSurface): string | undefined {
    return this.action ? wordHint(this.action, surface) : this.hint;
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
