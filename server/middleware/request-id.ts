import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { contextOf, setContext } from '../request-context.js';

// A caller's id is kept only when it is short and plain, so it cannot inject into logs or headers.
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accept a sane `X-Request-ID` or make one; echo it on the response. */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const sent = req.get('x-request-id');
    const id = sent && SANE_ID.test(sent) ? sent : randomUUID();
    setContext(req, { requestId: id, actor: null, sessionId: null });
    res.setHeader('X-Request-ID', id);
    next();
  };
}

/** One log line per finished request: method, path (never the query), status, time, request id. */
export function accessLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info(`${req.method} ${req.path} ${res.statusCode}`, {
        requestId: contextOf(req).requestId,
        ms: Math.round(ms * 10) / 10,
      });
    });
    next();
  };
}
