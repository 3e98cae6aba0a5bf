import React, { useEffect, useState } from 'react';
import { Box, Text, render } from 'ink';
import type { RunEvent } from '../../src/automation/index.js';

interface StageState {
  n: number;
  label: string;
  total: number;
  done: number;
  failed: number;
  status: string;
  startedAt?: number;
}

const BAR = 24;

function bar(done: number, total: number): string {
  const filled = total ? Math.round((done / total) * BAR) : 0;
  return `${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}`;
}

function eta(s: StageState): string {
  const n = s.done + s.failed;
  if (!s.startedAt || n === 0 || n >= s.total) return '';
  const secs = Math.round((((Date.now() - s.startedAt) / n) * (s.total - n)) / 1000);
  return ` eta ${secs >= 60 ? `${Math.floor(secs / 60)}m${secs % 60}s` : `${secs}s`}`;
}

function RunView({ subscribe }: { subscribe: (fn: (e: RunEvent) => void) => void }) {
  const [stages, setStages] = useState<Record<number, StageState>>({});
  const [credits, setCredits] = useState(0);
  const [title, setTitle] = useState('starting…');
  const [lastFailure, setLastFailure] = useState<string | null>(null);
  const [waiting, setWaiting] = useState<{ message: string; until: number } | null>(null);
  useEffect(() => {
    subscribe((e) => {
      if (e.type === 'run') setTitle(`run ${e.runId.slice(0, 8)} ${e.resumed ? '(resumed)' : ''}`);
      if (e.type === 'stage') {
        setStages((s) => ({
          ...s,
          [e.stage]: {
            ...(s[e.stage] ?? { done: 0, failed: 0 }),
            n: e.stage,
            label: e.label,
            total: e.total,
            status: e.status,
            startedAt: s[e.stage]?.startedAt ?? Date.now(),
          },
        }));
      }
      // The latest wait stays shown until it ends (or for 10 s when its end is unknown).
      if (e.type === 'wait')
        setWaiting({ message: e.message, until: e.until ? Date.parse(e.until) : Date.now() + 10_000 });
      // A provider batch's state stays shown until the next poll says otherwise.
      if (e.type === 'batch') setWaiting({ message: e.message, until: Date.now() + 60_000 });
      if (e.type === 'item') {
        setCredits(e.creditsUsed);
        if (e.status === 'failed') setLastFailure(`${e.item.slice(0, 8)}: ${e.reason}`);
        setStages((s) => ({
          ...s,
          [e.stage]: { ...s[e.stage]!, done: e.done, failed: e.failed, total: e.total },
        }));
      }
      if (e.type === 'summary') setTitle(`run ${e.runId.slice(0, 8)} ${e.status}`);
    });
  }, [subscribe]);
  return (
    <Box flexDirection="column">
      <Text bold>
        igny8 {title} · {credits} credits
      </Text>
      {Object.values(stages)
        .sort((a, b) => a.n - b.n)
        .map((s) => (
          <Text key={s.n}>
            {String(s.n)} {s.label.padEnd(26)} {bar(s.done + s.failed, s.total)} {s.done + s.failed}/{s.total}
            {s.failed ? <Text color="red"> {s.failed} failed</Text> : null}
            {s.status === 'start' ? eta(s) : ` ${s.status}`}
          </Text>
        ))}
      {lastFailure ? <Text color="yellow">last failure: {lastFailure}</Text> : null}
      {waiting && waiting.until > Date.now() ? <Text color="cyan">… {waiting.message}</Text> : null}
    </Box>
  );
}

/** An Ink view for `igny8 run` on a TTY; returns the event listener and a function that unmounts it. */
export function renderRunProgress(): { onEvent: (e: RunEvent) => void; done: () => Promise<void> } {
  let listener: ((e: RunEvent) => void) | null = null;
  const buffered: RunEvent[] = [];
  const app = render(
    <RunView
      subscribe={(fn) => {
        listener = fn;
        for (const e of buffered.splice(0)) fn(e);
      }}
    />,
    { stdout: process.stderr, patchConsole: false },
  );
  return {
    onEvent: (e) => (listener ? listener(e) : buffered.push(e)),
    done: async () => {
      await new Promise((r) => setTimeout(r, 50));
      app.unmount();
    },
  };
}
