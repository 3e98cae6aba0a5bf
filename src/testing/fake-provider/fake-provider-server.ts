import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { anthropicMessages, anthropicModels } from './anthropic.routes.js';
import type { GateState } from './fake-gate.js';
import { errorBody, readBody, sendJson } from './fake-http.js';
import { createFakePromptCache } from './fake-prompt-cache.js';
import { createFakeRateLimiter } from './fake-rate-limiter.js';
import type {
  FakeOutcome,
  FakeProviderOptions,
  FakeProviderServer,
  FakeStats,
  RouteContext,
} from './fake-types.js';
import { briaGenerate, briaStatus, fakeImage, runwareTasks } from './image.routes.js';
import { geminiGenerate, geminiModels, geminiPredict } from './gemini.routes.js';
import { openAiChat, openAiImages, openAiModels } from './openai.routes.js';
import {
  anthropicBatchResults,
  anthropicCreateBatch,
  anthropicGetBatch,
  anthropicListBatches,
} from './anthropic-batch.routes.js';
import { createBatchStore } from './fake-batches.js';
import {
  openAiCreateBatch,
  openAiFileContent,
  openAiGetBatch,
  openAiListBatches,
  openAiUploadFile,
} from './openai-batch.routes.js';
import { createPrng } from '../../util/prng.js';

const OUTCOMES: FakeOutcome[] = [
  'ok',
  'reset',
  'refused',
  'rate429',
  'limited429',
  'status500',
  'timeout',
  'malformedJson',
  'auth401',
  'badRequest',
  'notFound',
];

function emptyStats(stats?: FakeStats): FakeStats {
  const fresh: FakeStats = {
    calls: 0,
    byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as FakeStats['byOutcome'],
    byApi: { openai: 0, anthropic: 0, gemini: 0, runware: 0, bria: 0 },
    log: [],
    batches: { submitted: 0, requests: 0 },
  };
  // Reset in place, so a caller holding `server.stats` sees the new numbers.
  return stats ? Object.assign(stats, fresh) : fresh;
}

type Handler = (ctx: RouteContext, state: GateState) => Promise<void> | void;

function route(method: string, path: string, req: IncomingMessage): Handler | undefined {
  const anthropic = req.headers['x-api-key'] !== undefined || req.headers['anthropic-version'] !== undefined;
  if (method === 'POST' && path === '/v1/chat/completions') return openAiChat;
  if (method === 'POST' && path === '/v1/images/generations') return openAiImages;
  if (method === 'POST' && path === '/v1/messages') return anthropicMessages;
  if (method === 'GET' && path === '/v1/models') return anthropic ? anthropicModels : openAiModels;
  if (method === 'POST' && (path === '/v1' || path === '/v1/')) return runwareTasks;
  if (method === 'POST' && path === '/v2/image/generate') return briaGenerate;
  const gemini = /^\/v1beta\/models\/([^/:]+):(generateContent|predict)$/.exec(path);
  if (method === 'POST' && gemini)
    return (ctx, state) => (gemini[2] === 'predict' ? geminiPredict : geminiGenerate)(ctx, state, gemini[1]!);
  if (method === 'GET' && path === '/v1beta/models') return geminiModels;
  if (method === 'GET' && path.startsWith('/v2/status/')) return briaStatus;
  const batch = batchRoute(method, path);
  if (batch) return batch;
  const img = /^\/fake-images\/(\d+)x(\d+)\/[\w-]+\.png$/.exec(path);
  if (method === 'GET' && img) return (ctx) => fakeImage(ctx, Number(img[1]), Number(img[2]));
  return undefined;
}

/** The OpenAI Files + Batch and Anthropic Message Batches routes. */
function batchRoute(method: string, path: string): Handler | undefined {
  if (method === 'POST' && path === '/v1/files') return openAiUploadFile;
  if (method === 'POST' && path === '/v1/batches') return openAiCreateBatch;
  if (method === 'POST' && path === '/v1/messages/batches') return anthropicCreateBatch;
  if (method === 'GET' && path === '/v1/batches') return openAiListBatches;
  if (method === 'GET' && path === '/v1/messages/batches') return anthropicListBatches;
  const file = /^\/v1\/files\/([\w-]+)\/content$/.exec(path);
  if (method === 'GET' && file) return (ctx) => openAiFileContent(ctx, file[1]!);
  const oa = /^\/v1\/batches\/([\w-]+)(\/cancel)?$/.exec(path);
  if (oa && (method === 'GET' || oa[2])) return (ctx) => openAiGetBatch(ctx, oa[1]!, Boolean(oa[2]));
  const an = /^\/v1\/messages\/batches\/([\w-]+)(\/cancel|\/results)?$/.exec(path);
  if (an && an[2] === '/results' && method === 'GET') return (ctx) => anthropicBatchResults(ctx, an[1]!);
  if (an && (method === 'GET' || an[2] === '/cancel'))
    return (ctx) => anthropicGetBatch(ctx, an[1]!, an[2] === '/cancel');
  return undefined;
}

/**
 * A loopback server speaking the OpenAI, Anthropic, Gemini, Runware and Bria wire protocols, with
 * schema-valid canned outputs, seeded fault injection, fixed latency and an RPM/TPM enforcing mode.
 * For tests and benchmarks (yours too: it is exported from igny8's testing entry).
 * @example const fake = await createFakeProviderServer({ faults: { rate429: 0.1, retryAfterMs: 50 } });
 *          new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
 */
export async function createFakeProviderServer(
  options: FakeProviderOptions = {},
): Promise<FakeProviderServer> {
  const rand = createPrng(options.seed ?? 1);
  const state: GateState = {
    faults: { ...options.faults },
    limiter: options.limits ? createFakeRateLimiter(options.limits) : undefined,
    latencyMs: options.latencyMs ?? 0,
    misbehave: { ...options.misbehave },
  };
  const stats = emptyStats();
  const promptCache = createFakePromptCache();
  let textCalls = 0;
  let seq = 0;
  const sockets = new Set<Socket>();
  let baseUrl = '';
  let batchFaults = { ...options.batchFaults };
  let batchDelayMs = options.batchDelayMs ?? 0;
  const fakeBatches = {
    files: new Map<string, string>(),
    inputs: new Map<string, string>(),
    store: createBatchStore({
      baseUrl: () => baseUrl,
      delayMs: () => batchDelayMs,
      faults: () => batchFaults,
      onSubmit(requests) {
        stats.batches.submitted++;
        stats.batches.requests += requests;
      },
    }),
  };

  const ctxFor = (req: IncomingMessage, res: ServerResponse, url: URL, body: unknown): RouteContext => ({
    req,
    res,
    url,
    body,
    baseUrl,
    options,
    rand,
    record(call) {
      stats.calls++;
      stats.byOutcome[call.outcome]++;
      stats.byApi[call.api]++;
      const entry = { seq: ++seq, ...call };
      if (options.recordBodies === false) delete entry.body;
      stats.log.push(entry);
    },
    nextTextCall: () => ++textCalls,
    fakeBatches,
    promptCache,
  });

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const raw = await readBody(req);
      let body: unknown;
      try {
        // File uploads (the OpenAI Files API) are multipart; their route parses them.
        const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/');
        body = multipart ? raw : raw ? JSON.parse(raw) : undefined;
      } catch {
        sendJson(res, 400, errorBody('openai', 400, 'The request body is not valid JSON.'));
        return;
      }
      const handler = route(req.method ?? 'GET', url.pathname, req);
      if (!handler) {
        sendJson(res, 404, errorBody('openai', 404, `No route ${req.method} ${url.pathname}`));
        return;
      }
      await handler(ctxFor(req, res, url, body), state);
    })().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody('openai', 500, `fake server bug: ${String(err)}`));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    port,
    stats,
    setFaults(faults) {
      state.faults = { ...faults };
    },
    setLimits(limits) {
      state.limiter = limits ? createFakeRateLimiter(limits) : undefined;
    },
    setLatency(ms) {
      state.latencyMs = ms;
    },
    setMisbehaviour(misbehave) {
      state.misbehave = { ...misbehave };
    },
    setBatchFaults(faults, delayMs) {
      batchFaults = { ...faults };
      if (delayMs !== undefined) batchDelayMs = delayMs;
    },
    resetStats() {
      emptyStats(stats);
    },
    close() {
      return new Promise<void>((resolve) => {
        fakeBatches.store.close();
        // Hung ("timeout") calls keep sockets open: end them, or close() would wait forever.
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
  };
}
