import { checkAuth, gate, type GateState } from './fake-gate.js';
import { sendJson, startSse, tokensOf } from './fake-http.js';
import { reportedTokens, resetMidBody, resetsOn, stall, stallsOn } from './fake-misbehaviour.js';
import { buildReply, type TextReply } from './fake-reply.js';
import type { CacheBreakpoint, FakeMisbehaviour, FakeTextRequest, RouteContext } from './fake-types.js';

type CacheMarked = { text?: string; cache_control?: unknown };

interface MessagesBody {
  model?: string;
  system?: string | CacheMarked[];
  messages?: Array<{ role: string; content: string | CacheMarked[] }>;
  tools?: Array<{ name: string; input_schema?: Record<string, unknown> }>;
  tool_choice?: { type?: string; name?: string };
  max_tokens?: number;
  stream?: boolean;
}

function text(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (p as { text?: string }).text ?? '').join('');
  return '';
}

/** The prefixes ending in a cache_control breakpoint (system blocks and message blocks), in order. */
function breakpointsOf(body: MessagesBody): CacheBreakpoint[] {
  const out: CacheBreakpoint[] = [];
  const key = JSON.stringify(body.tools ?? []);
  let acc = '';
  const walk = (blocks: string | CacheMarked[] | undefined) => {
    for (const b of typeof blocks === 'string' ? [{ text: blocks }] : (blocks ?? [])) {
      acc += b.text ?? '';
      if (b.cache_control) out.push({ key: `${key}\0${acc}`, tokens: tokensOf(acc) });
    }
  };
  walk(body.system);
  for (const m of body.messages ?? []) {
    if (acc) acc += '\n';
    walk(m.content);
  }
  return out;
}

type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

/** Whether this call answers in a text block despite the forced tool (misbehave.anthropicText). */
function textInstead(m: FakeMisbehaviour, req: FakeTextRequest): 'json' | 'invalid' | undefined {
  if (m.anthropicText === 'invalid' && req.messages.some((x) => x.role === 'assistant')) return undefined;
  return m.anthropicText;
}

/** A reply for a forced tool must be an object; anything else comes back as text (the model ignored the tool). */
function contentFor(
  reply: TextReply,
  toolName: string | undefined,
  n: number,
  instead?: 'json' | 'invalid',
): Block[] {
  if (reply.kind === 'refusal') return [{ type: 'text', text: reply.message }];
  if (instead === 'json') return [{ type: 'text', text: `Here is the JSON:\n\n${reply.text}` }];
  if (instead === 'invalid') return [{ type: 'text', text: 'Sure! I would be glad to help with that task.' }];
  if (toolName) {
    let value: unknown = reply.kind === 'json' ? reply.value : undefined;
    if (reply.kind === 'text') {
      try {
        value = JSON.parse(reply.text);
      } catch {
        value = undefined;
      }
    }
    if (value && typeof value === 'object')
      return [{ type: 'tool_use', id: `toolu_fake_${n}`, name: toolName, input: value }];
  }
  return [{ type: 'text', text: reply.text }];
}

export async function anthropicMessages(ctx: RouteContext, state: GateState): Promise<void> {
  const body = (ctx.body ?? {}) as MessagesBody;
  const model = body.model ?? 'claude-fake';
  const system = text(body.system);
  const messages = [
    ...(system ? [{ role: 'system', content: system }] : []),
    ...(body.messages ?? []).map((m) => ({ role: m.role, content: text(m.content) })),
  ];
  const promptTokens = tokensOf(messages.map((m) => m.content).join('\n'));
  const stream = body.stream === true;
  const g = await gate(ctx, state, { api: 'anthropic', route: 'messages', model, promptTokens, stream });
  if (!g.proceed) return;
  const forced =
    body.tool_choice?.type === 'tool'
      ? body.tools?.find((t) => t.name === body.tool_choice?.name)
      : undefined;
  const req: FakeTextRequest = {
    api: 'anthropic',
    model,
    messages,
    schema: forced?.input_schema,
    schemaName: forced?.name,
    maxTokens: body.max_tokens,
    stream,
    body: ctx.body,
    callIndex: ctx.nextTextCall(),
  };
  const reply = await buildReply(ctx, req);
  const m = state.misbehave;
  const content = contentFor(reply, forced?.name, req.callIndex, textInstead(m, req));
  const outTokens = tokensOf(
    content.map((b) => (b.type === 'text' ? b.text : JSON.stringify(b.input))).join(''),
  );
  // Like Anthropic: only prefixes ending in a cache_control breakpoint, above the model's minimum.
  const cache = ctx.promptCache.anthropic(model, breakpointsOf(body));
  const cached = Math.min(promptTokens, cache.read);
  const written = Math.min(promptTokens - cached, cache.write);
  state.limiter?.charge(outTokens);
  const stopReason =
    reply.kind === 'refusal' ? 'refusal' : content[0]?.type === 'tool_use' ? 'tool_use' : 'end_turn';
  const reported = reportedTokens(m, { tokensIn: promptTokens, tokensOut: outTokens, cached });
  const usage = reported
    ? {
        input_tokens: Math.max(0, reported.tokensIn - reported.cached - written),
        output_tokens: reported.tokensOut,
        cache_read_input_tokens: reported.cached,
        cache_creation_input_tokens: reported.tokensIn === promptTokens ? written : 0,
      }
    : undefined;
  if (stallsOn(m, req.callIndex)) await stall(ctx.res, m.stallMs!);
  const resets = resetsOn(m, req.callIndex);
  const id = `msg_fake_${req.callIndex}`;
  ctx.record({
    api: 'anthropic',
    route: 'messages',
    model,
    outcome: ctx.res.destroyed ? 'timeout' : resets ? 'reset' : reply.kind === 'refusal' ? 'refused' : 'ok',
    status: ctx.res.destroyed ? 0 : 200,
    stream,
    tokensIn: promptTokens,
    tokensOut: outTokens,
    body: ctx.body,
  });
  const message = {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    ...(usage ? { usage } : {}),
  };
  if (ctx.res.destroyed) return;
  if (!stream) {
    if (resets) resetMidBody(ctx.res, JSON.stringify(message), 'application/json', g.headers);
    else sendJson(ctx.res, 200, message, g.headers);
    return;
  }
  const sse = startSse(ctx.res, g.headers);
  const emit = (type: string, data: Record<string, unknown>) => sse.send({ type, ...data }, type);
  emit('message_start', {
    message: {
      ...message,
      content: [],
      stop_reason: null,
      usage: usage ? { ...usage, output_tokens: 1 } : {},
    },
  });
  if (resets) return void ctx.res.socket?.resetAndDestroy();
  content.forEach((block, index) => {
    if (block.type === 'text') {
      emit('content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (let i = 0; i < block.text.length; i += 48) {
        emit('content_block_delta', {
          index,
          delta: { type: 'text_delta', text: block.text.slice(i, i + 48) },
        });
      }
    } else {
      emit('content_block_start', { index, content_block: { ...block, input: {} } });
      const json = JSON.stringify(block.input);
      for (let i = 0; i < json.length; i += 48) {
        emit('content_block_delta', {
          index,
          delta: { type: 'input_json_delta', partial_json: json.slice(i, i + 48) },
        });
      }
    }
    emit('content_block_stop', { index });
  });
  emit('message_delta', {
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: usage ? { output_tokens: usage.output_tokens } : {},
  });
  emit('message_stop', {});
  sse.end();
}

export function anthropicModels(ctx: RouteContext): void {
  if (!checkAuth(ctx, 'anthropic', 'models')) return;
  const ids = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'];
  ctx.record({ api: 'anthropic', route: 'models', outcome: 'ok', status: 200 });
  sendJson(ctx.res, 200, {
    data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })),
    has_more: false,
    first_id: ids[0],
    last_id: ids[ids.length - 1],
  });
}
