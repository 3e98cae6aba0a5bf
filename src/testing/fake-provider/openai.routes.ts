import { fakePng } from './fake-png.js';
import { checkAuth, gate, type GateState } from './fake-gate.js';
import { errorBody, sendJson, startSse, tokensOf } from './fake-http.js';
import { reportedTokens, resetMidBody, resetsOn, stall, stallsOn } from './fake-misbehaviour.js';
import { buildReply } from './fake-reply.js';
import type { FakeTextRequest, RouteContext } from './fake-types.js';

interface ChatBody {
  model?: string;
  messages?: Array<{ role: string; content: unknown }>;
  response_format?: { type?: string; json_schema?: { name?: string; schema?: Record<string, unknown> } };
  max_tokens?: number;
  max_completion_tokens?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (p as { text?: string }).text ?? '').join('');
  return '';
}

/** The schema our json_object fallback puts in the prompt, so the fallback path also gets valid JSON. */
function schemaFromPrompt(messages: FakeTextRequest['messages']): Record<string, unknown> | undefined {
  for (const m of messages) {
    const at = m.content.indexOf('JSON Schema:\n');
    if (at < 0) continue;
    try {
      return JSON.parse(m.content.slice(at + 'JSON Schema:\n'.length)) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export async function openAiChat(ctx: RouteContext, state: GateState): Promise<void> {
  const body = (ctx.body ?? {}) as ChatBody;
  const model = body.model ?? 'gpt-fake';
  const messages = (body.messages ?? []).map((m) => ({ role: m.role, content: contentText(m.content) }));
  const format = body.response_format?.type;
  if (format === 'json_schema' && ctx.options.rejectJsonSchema) {
    sendJson(
      ctx.res,
      400,
      errorBody('openai', 400, "response_format.type 'json_schema' is not supported by this server"),
    );
    ctx.record({ api: 'openai', route: 'chat', model, outcome: 'badRequest', status: 400 });
    return;
  }
  const promptText = messages.map((m) => m.content).join('\n');
  const promptTokens = tokensOf(promptText);
  const stream = body.stream === true;
  const g = await gate(ctx, state, { api: 'openai', route: 'chat', model, promptTokens, stream });
  if (!g.proceed) return;
  const schema =
    format === 'json_schema'
      ? body.response_format?.json_schema?.schema
      : format === 'json_object'
        ? (schemaFromPrompt(messages) ?? { type: 'object', properties: { result: { type: 'string' } } })
        : undefined;
  const req: FakeTextRequest = {
    api: 'openai',
    model,
    messages,
    schema,
    schemaName: body.response_format?.json_schema?.name,
    maxTokens: body.max_completion_tokens ?? body.max_tokens,
    stream,
    body: ctx.body,
    callIndex: ctx.nextTextCall(),
  };
  const reply = await buildReply(ctx, req);
  const text = reply.kind === 'refusal' ? '' : reply.text;
  const completionTokens = tokensOf(reply.kind === 'refusal' ? reply.message : text);
  // Like OpenAI: the longest prefix (tools and schema first) sent before, from 1,024 tokens in 128s.
  const cached = Math.min(
    promptTokens,
    ctx.promptCache.openAi(model, JSON.stringify(schema ?? null), promptText),
  );
  state.limiter?.charge(completionTokens);
  const m = state.misbehave;
  const reported = reportedTokens(m, { tokensIn: promptTokens, tokensOut: completionTokens, cached });
  const usage = reported && {
    prompt_tokens: reported.tokensIn,
    completion_tokens: reported.tokensOut,
    total_tokens: reported.tokensIn + reported.tokensOut,
    prompt_tokens_details: { cached_tokens: reported.cached },
  };
  if (stallsOn(m, req.callIndex)) await stall(ctx.res, m.stallMs!);
  const resets = resetsOn(m, req.callIndex);
  const id = `chatcmpl-fake-${req.callIndex}`;
  const created = Math.floor(Date.now() / 1000);
  const message =
    reply.kind === 'refusal'
      ? { role: 'assistant', content: null, refusal: reply.message }
      : { role: 'assistant', content: text, refusal: null };
  ctx.record({
    api: 'openai',
    route: 'chat',
    model,
    outcome: ctx.res.destroyed ? 'timeout' : resets ? 'reset' : reply.kind === 'refusal' ? 'refused' : 'ok',
    status: ctx.res.destroyed ? 0 : 200,
    stream,
    tokensIn: promptTokens,
    tokensOut: completionTokens,
    body: ctx.body,
  });
  if (ctx.res.destroyed) return;
  if (!stream) {
    const completion = {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: 'stop' }],
      ...(usage ? { usage } : {}),
    };
    if (resets) resetMidBody(ctx.res, JSON.stringify(completion), 'application/json', g.headers);
    else sendJson(ctx.res, 200, completion, g.headers);
    return;
  }
  const sse = startSse(ctx.res, g.headers);
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  sse.send(chunk({ role: 'assistant', content: '' }, null));
  if (reply.kind === 'refusal') sse.send(chunk({ refusal: reply.message }, null));
  for (let i = 0; i < text.length; i += 48) {
    if (resets && i >= text.length / 2) return void ctx.res.socket?.resetAndDestroy();
    sse.send(chunk({ content: text.slice(i, i + 48) }, null));
  }
  if (resets) return void ctx.res.socket?.resetAndDestroy();
  sse.send(chunk({}, 'stop'));
  if (usage && body.stream_options?.include_usage)
    sse.send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
  sse.send('[DONE]');
  sse.end();
}

export async function openAiImages(ctx: RouteContext, state: GateState): Promise<void> {
  const body = (ctx.body ?? {}) as { model?: string; prompt?: string; size?: string; n?: number };
  const model = body.model ?? 'gpt-image-fake';
  const g = await gate(ctx, state, {
    api: 'openai',
    route: 'images',
    model,
    promptTokens: tokensOf(body.prompt ?? ''),
  });
  if (!g.proceed) return;
  const m = /^(\d+)x(\d+)$/.exec(body.size ?? '');
  const [w, h] = m ? [Number(m[1]), Number(m[2])] : [1024, 1024];
  const b64 = fakePng(w, h).toString('base64');
  const n = Math.max(1, Math.min(4, body.n ?? 1));
  const promptTokens = tokensOf(body.prompt ?? '');
  ctx.record({
    api: 'openai',
    route: 'images',
    model,
    outcome: 'ok',
    status: 200,
    tokensIn: promptTokens,
    body: ctx.body,
  });
  sendJson(
    ctx.res,
    200,
    {
      created: Math.floor(Date.now() / 1000),
      data: Array.from({ length: n }, () => ({
        b64_json: b64,
        revised_prompt: `[fake] ${body.prompt ?? ''}`,
      })),
      usage: { input_tokens: promptTokens, output_tokens: 0, total_tokens: promptTokens },
    },
    g.headers,
  );
}

export function openAiModels(ctx: RouteContext): void {
  if (!checkAuth(ctx, 'openai', 'models')) return;
  const created = Math.floor(Date.now() / 1000);
  const ids = ['gpt-4o-mini', 'gpt-4o', 'gpt-image-1', 'dall-e-3'];
  ctx.record({ api: 'openai', route: 'models', outcome: 'ok', status: 200 });
  sendJson(ctx.res, 200, {
    object: 'list',
    data: ids.map((id) => ({ id, object: 'model', created, owned_by: 'fake' })),
  });
}
