import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { Igny8Error, zodFieldErrors } from '../../src/index.js';
import { errorBody } from '../envelope.js';
import type { Logger } from '../logger.js';
import { contextOf } from '../request-context.js';
import { unknownFieldsError } from '../unknown-fields.js';

interface HttpishError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** Translate anything thrown into the one error envelope. */
export function toIgny8Error(err: unknown): Igny8Error {
  if (err instanceof Igny8Error) return err;
  if (err instanceof ZodError) {
    // Strict schemas report unknown keys themselves: the same code and wording as every other body.
    const unknown = err.issues.flatMap((i) =>
      i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k].join('.')) : [],
    );
    if (unknown.length > 0 && unknown.length === err.issues.length) return unknownFieldsError(unknown);
    const fields = zodFieldErrors(err);
    const first = Object.entries(fields)[0];
    return new Igny8Error(
      'VALIDATION_FAILED',
      `Invalid input — ${first ? `${first[0] || 'body'}: ${first[1][0]}` : 'invalid'}`,
      { fields },
    );
  }
  const e = (err ?? {}) as HttpishError & { igny8Code?: string };
  if (e.igny8Code === 'REQUEST_TOO_DEEP')
    return new Igny8Error('REQUEST_TOO_DEEP', 'The request body is nested too deep', {
      hint: 'Send JSON nested at most 64 levels deep.',
    });
  // body-parser marks its own client errors with a type and `expose`.
  if (e.type === 'entity.too.large' || e.status === 413)
    return new Igny8Error('PAYLOAD_TOO_LARGE', 'The request body is larger than the server accepts', {
      hint: 'Send a smaller body (server.bodyLimit in the config).',
    });
  if (e.type === 'entity.parse.failed')
    return new Igny8Error('MALFORMED_BODY', 'The request body is not valid JSON');
  if (e.expose && typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return new Igny8Error('MALFORMED_BODY', 'The request body could not be read');
  return new Igny8Error('INTERNAL', 'Internal error', { cause: err });
}

/** The server's one error boundary: status and code from the catalog, no stack in any body. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { requestId } = contextOf(req);
    const e = toIgny8Error(err);
    if (e.kind === 'bug' || e.status >= 500) {
      const cause = e.code === 'INTERNAL' ? err : e;
      log.error(`${req.method} ${req.path} failed`, {
        requestId,
        code: e.code,
        error: cause instanceof Error ? cause.message : String(cause),
        stack: cause instanceof Error ? cause.stack : undefined,
      });
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    // An unexpected error's message may name internals; callers get the request id to report instead.
    const message = e.code === 'INTERNAL' ? `Internal error (request ${requestId})` : e.message;
    // Only an action is worded for the API: a free-text hint may be written for the CLI.
    const next = e.action ? { hint: e.hintFor('api'), action: e.action } : undefined;
    res.status(e.status).json(errorBody(e.code, message, requestId, e.fields, next));
  };
}

/** Unknown paths under the API get the envelope too, not Express's HTML page. */
export function notFound(): RequestHandler {
  return (req, _res, next) => {
    next(new Igny8Error('NOT_FOUND', `No route ${req.method} ${req.path}`));
  };
}
