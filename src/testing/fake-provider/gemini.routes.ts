import { checkAuth, gate, type GateState } from './fake-gate.js';
import { errorBody, sendJson, tokensOf } from './fake-http.js';
import { reportedTokens, resetMidBody, resetsOn, stall, stallsOn } from './fake-misbehaviour.js';
import { fakePng } from './fake-png.js';
import { buildReply } from './fake-reply.js';
import type { FakeTextRequest, RouteContext } from './fake-types.js';

interface GenerateBody {
  contents?: Array<{ role?: string; parts?: Array<{ text?: string }> }>;
  systemInstruction?: { parts?: Array<{ text?: string }> };
  generationConfig?: {
    maxOutputTokens?: number;
    responseMimeType?: string;
    responseJsonSchema?: Record<string, unknown>;
    responseSchema?: Record<string, unknown>;
  };
}

const partsText = (parts?: Array<{ text?: string }>) => (parts ?? []).map((p) => p.text ?? '').join('');

/** Gemini generateContent: POST /v1beta/models/<model>:generateContent (structured via responseJsonSchema). */
export async function geminiGenerate(ctx: RouteContext, state: GateState, model: string): Promise<void> {
  const body = (ctx.body ?? {}) as GenerateBody;
  const system = partsText(body.systemInstruction?.parts);
  const messages = [
    ...(system ? [{ role: 'system', content: system }] : []),
    ...(body.contents ?? []).map((c) => ({
      role: c.role === 'model' ? 'assistant' : 'user',
      content: partsText(c.parts),
    })),
  ];
  const promptTokens = tokensOf(messages.map((m) => m.content).join('\n'));
  const g = await gate(ctx, state, { api: 'gemini', route: 'generateContent', model, promptTokens });
  if (!g.proceed) return;
  const cfg = body.generationConfig ?? {};
  const req: FakeTextRequest = {
    api: 'gemini',
    model,
    messages,
    schema: cfg.responseJsonSchema ?? cfg.responseSchema,
    maxTokens: cfg.maxOutputTokens,
    stream: false,
    body: ctx.body,
    callIndex: ctx.nextTextCall(),
  };
  const reply = await buildReply(ctx, req);
  const m = state.misbehave;
  const text = reply.kind === 'refusal' ? '' : reply.text;
  const outTokens = tokensOf(text);
  // Gemini's implicit caching behaves like OpenAI's here: a repeated system prefix of 1,024+ tokens.
  const cached = Math.min(promptTokens, ctx.promptCache.openAi(model, 'gemini', system));
  state.limiter?.charge(outTokens);
  const reported = reportedTokens(m, { tokensIn: promptTokens, tokensOut: outTokens, cached });
  if (stallsOn(m, req.callIndex)) await stall(ctx.res, m.stallMs!);
  const resets = resetsOn(m, req.callIndex);
  ctx.record({
    api: 'gemini',
    route: 'generateContent',
    model,
    outcome: ctx.res.destroyed ? 'timeout' : resets ? 'reset' : reply.kind === 'refusal' ? 'refused' : 'ok',
    status: ctx.res.destroyed ? 0 : 200,
    tokensIn: promptTokens,
    tokensOut: outTokens,
    body: ctx.body,
  });
  if (ctx.res.destroyed) return;
  const answer = {
    candidates: [
      reply.kind === 'refusal'
        ? { finishReason: 'SAFETY', index: 0 }
        : { content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 },
    ],
    ...(reported
      ? {
          usageMetadata: {
            promptTokenCount: reported.tokensIn,
            candidatesTokenCount: reported.tokensOut,
            totalTokenCount: reported.tokensIn + reported.tokensOut,
            ...(reported.cached ? { cachedContentTokenCount: reported.cached } : {}),
          },
        }
      : {}),
    modelVersion: model,
  };
  if (resets) resetMidBody(ctx.res, JSON.stringify(answer), 'application/json', g.headers);
  else sendJson(ctx.res, 200, answer, g.headers);
}

const IMAGEN_SIZES: Record<string, [number, number]> = {
  '1:1': [1024, 1024],
  '3:4': [896, 1280],
  '4:3': [1280, 896],
  '9:16': [768, 1408],
  '16:9': [1408, 768],
};

/** Imagen through the Gemini API: POST /v1beta/models/<model>:predict → base64 images. */
export async function geminiPredict(ctx: RouteContext, state: GateState, model: string): Promise<void> {
  const body = (ctx.body ?? {}) as {
    instances?: Array<{ prompt?: string }>;
    parameters?: { sampleCount?: number; aspectRatio?: string };
  };
  const prompt = body.instances?.[0]?.prompt ?? '';
  const g = await gate(ctx, state, {
    api: 'gemini',
    route: 'predict',
    model,
    promptTokens: tokensOf(prompt),
  });
  if (!g.proceed) return;
  const size = IMAGEN_SIZES[body.parameters?.aspectRatio ?? '1:1'];
  if (!prompt || !size) {
    sendJson(
      ctx.res,
      400,
      errorBody('gemini', 400, 'instances[0].prompt is required and aspectRatio must be a supported ratio'),
    );
    ctx.record({ api: 'gemini', route: 'predict', model, outcome: 'badRequest', status: 400 });
    return;
  }
  ctx.record({ api: 'gemini', route: 'predict', model, outcome: 'ok', status: 200, body: ctx.body });
  const count = Math.min(4, Math.max(1, body.parameters?.sampleCount ?? 1));
  const image = fakePng(size[0], size[1]).toString('base64');
  sendJson(
    ctx.res,
    200,
    {
      predictions: Array.from({ length: count }, () => ({
        bytesBase64Encoded: image,
        mimeType: 'image/png',
      })),
    },
    g.headers,
  );
}

/** GET /v1beta/models: the ping. */
export function geminiModels(ctx: RouteContext): void {
  if (!checkAuth(ctx, 'gemini', 'models')) return;
  ctx.record({ api: 'gemini', route: 'models', outcome: 'ok', status: 200 });
  const ids = ['gemini-2.5-flash', 'gemini-2.5-pro', 'imagen-4.0-generate-001'];
  sendJson(ctx.res, 200, { models: ids.map((id) => ({ name: `models/${id}`, displayName: id })) });
}
