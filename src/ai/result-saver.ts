import { Igny8Error } from '../errors/index.js';
import type { AiFunctionName, AiPersist } from './ai-function.js';
import type { AiEngineDeps, AiRunOptions } from './engine.types.js';

/**
 * The save a run ends with when it saves (`save: true`, or a `persist` given): the caller's
 * `persist`, else the one the owning module registered for the function (`deps.savers`). Looked up
 * before anything is held, so a run that could not save its result is refused before it is charged.
 */
export function resultSaver(
  deps: Pick<AiEngineDeps, 'savers'>,
  name: AiFunctionName,
  opts: Pick<AiRunOptions, 'save' | 'persist'>,
): AiPersist | undefined {
  if (!opts.save && !opts.persist) return undefined;
  const saver = (opts.persist ?? deps.savers?.[name]) as AiPersist | undefined;
  if (!saver)
    throw new Igny8Error('INTERNAL', `${name}: asked to save, but no module saves its results`, {
      hint: "Pass `persist` (the owning module's save) or wire the owners' savers into the AI engine.",
    });
  return saver;
}
