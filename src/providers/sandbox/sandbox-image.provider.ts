import type { ImageProvider, ImageRequest, ImageResponse, ProviderModelRef } from '../provider.types.js';
import { seedFrom } from './sandbox-random.js';
import { sandboxPngFor } from './sandbox-png-cache.js';

/** Offline, deterministic image "model": a PNG at the requested size with a visible SANDBOX band. */
export function createSandboxImageProvider(model?: ProviderModelRef): ImageProvider {
  return {
    name: 'sandbox',
    kind: 'sandbox',
    async generateImage(req: ImageRequest): Promise<ImageResponse> {
      if (req.signal?.aborted) throw req.signal.reason ?? new Error('aborted');
      const bytes = sandboxPngFor(
        req.width,
        req.height,
        seedFrom(`${req.prompt}\n${req.negativePrompt ?? ''}`),
      );
      return {
        bytes,
        mime: 'image/png',
        width: Math.round(req.width),
        height: Math.round(req.height),
        usage: { tokensIn: 0, tokensOut: 0, tokensCached: 0, images: 1 },
        provider: 'sandbox',
        model: req.model || model?.modelId || 'sandbox-image',
        costUsd: 0,
      };
    },
    async ping() {},
  };
}
