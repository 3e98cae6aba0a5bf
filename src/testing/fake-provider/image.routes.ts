import { randomUUID } from 'node:crypto';
import { fakePng } from './fake-png.js';
import { checkAuth, gate, type GateState } from './fake-gate.js';
import { errorBody, sendJson, tokensOf } from './fake-http.js';
import type { RouteContext } from './fake-types.js';

interface RunwareTask {
  taskType?: string;
  taskUUID?: string;
  positivePrompt?: string;
  model?: string;
  width?: number;
  height?: number;
}

/** Runware REST: POST /v1 with an array of tasks (imageInference, modelSearch). */
export async function runwareTasks(ctx: RouteContext, state: GateState): Promise<void> {
  const tasks = Array.isArray(ctx.body) ? (ctx.body as RunwareTask[]) : [];
  if (tasks.length === 0) {
    sendJson(ctx.res, 400, errorBody('runware', 400, 'The request body must be an array of tasks.'));
    ctx.record({ api: 'runware', route: 'tasks', outcome: 'badRequest', status: 400 });
    return;
  }
  if (tasks.every((t) => t.taskType === 'modelSearch')) {
    if (!checkAuth(ctx, 'runware', 'modelSearch')) return;
    ctx.record({ api: 'runware', route: 'modelSearch', outcome: 'ok', status: 200 });
    sendJson(ctx.res, 200, {
      data: tasks.map((t) => ({
        taskType: 'modelSearch',
        taskUUID: t.taskUUID,
        results: [],
        totalResults: 0,
      })),
    });
    return;
  }
  const model = tasks[0]?.model;
  const prompt = tasks.map((t) => t.positivePrompt ?? '').join(' ');
  const g = await gate(ctx, state, {
    api: 'runware',
    route: 'imageInference',
    model,
    promptTokens: tokensOf(prompt),
  });
  if (!g.proceed) return;
  const bad = tasks.find((t) => t.taskType !== 'imageInference' || !t.positivePrompt || !t.model);
  if (bad) {
    sendJson(ctx.res, 400, {
      errors: [
        {
          code: 'invalidParameter',
          message: 'imageInference needs positivePrompt and model',
          taskUUID: bad.taskUUID,
        },
      ],
    });
    ctx.record({ api: 'runware', route: 'imageInference', model, outcome: 'badRequest', status: 400 });
    return;
  }
  ctx.record({ api: 'runware', route: 'imageInference', model, outcome: 'ok', status: 200, body: ctx.body });
  sendJson(
    ctx.res,
    200,
    {
      data: tasks.map((t) => ({
        taskType: 'imageInference',
        taskUUID: t.taskUUID,
        imageUUID: randomUUID(),
        imageBase64Data: fakePng(t.width ?? 1024, t.height ?? 1024).toString('base64'),
        cost: 0.0013,
      })),
    },
    g.headers,
  );
}

const RATIO_SIZES: Record<string, [number, number]> = {
  '1:1': [1024, 1024],
  '2:3': [832, 1248],
  '3:2': [1248, 832],
  '3:4': [896, 1184],
  '4:3': [1184, 896],
  '4:5': [912, 1136],
  '5:4': [1136, 912],
  '9:16': [768, 1344],
  '16:9': [1344, 768],
};

/** Bria v2: POST /v2/image/generate (sync) → an image URL this server also serves. */
export async function briaGenerate(ctx: RouteContext, state: GateState): Promise<void> {
  const body = (ctx.body ?? {}) as { prompt?: string; aspect_ratio?: string; sync?: boolean };
  const g = await gate(ctx, state, {
    api: 'bria',
    route: 'generate',
    promptTokens: tokensOf(body.prompt ?? ''),
  });
  if (!g.proceed) return;
  const size = RATIO_SIZES[body.aspect_ratio ?? '1:1'];
  if (!body.prompt || !size) {
    sendJson(
      ctx.res,
      422,
      errorBody('bria', 400, 'prompt is required and aspect_ratio must be one of the listed ratios'),
    );
    ctx.record({ api: 'bria', route: 'generate', outcome: 'badRequest', status: 422 });
    return;
  }
  const requestId = randomUUID().replace(/-/g, '');
  ctx.record({ api: 'bria', route: 'generate', outcome: 'ok', status: 200, body: ctx.body });
  sendJson(
    ctx.res,
    200,
    {
      result: { image_url: `${ctx.baseUrl}/fake-images/${size[0]}x${size[1]}/${requestId}.png`, seed: 1 },
      request_id: requestId,
    },
    g.headers,
  );
}

/** Bria v2 status lookups: this fake knows no jobs, so an authenticated lookup is a 404. */
export function briaStatus(ctx: RouteContext): void {
  if (!checkAuth(ctx, 'bria', 'status')) return;
  ctx.record({ api: 'bria', route: 'status', outcome: 'notFound', status: 404 });
  sendJson(ctx.res, 404, errorBody('bria', 404, 'No such request'));
}

/** The "storage" URLs Bria answers with. */
export function fakeImage(ctx: RouteContext, width: number, height: number): void {
  const png = fakePng(width, height);
  ctx.res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
  ctx.res.end(png);
}
