import type { SandboxRandom } from './sandbox-random.js';
import { capitalize } from './sandbox-words.js';

/**
 * Sample prose for sandbox articles: short sentences in plain words (readable, Flesch ≥ 50),
 * assembled from parts so a long article does not repeat itself sentence for sentence.
 */
const OPENERS = [
  '',
  '',
  'In practice, ',
  'For most people, ',
  'As a rule, ',
  'Over time, ',
  'On a busy day, ',
  'Most of the time, ',
  'If you are new to this, ',
  'Once you get the hang of it, ',
  'Week after week, ',
  'Even on a tight budget, ',
];
const SUBJECTS = [
  'a simple routine',
  'a little care each week',
  'a clear plan',
  'a steady method',
  'the right setup',
  'a good habit',
  'one small change',
  'a careful first try',
  'a short checklist',
  'a bit of patience',
  'a quick test run',
  'a clean work space',
];
const PREDICATES = [
  'makes {subject} much easier',
  'gives better results than guesswork',
  'saves time later on',
  'helps you avoid the usual mistakes',
  'keeps the results steady from day to day',
  'pays off faster than you might think',
  'makes each step feel natural',
  'turns {subject} into a quick and easy task',
  'helps you spot problems early',
  'keeps costs down',
  'builds the kind of skill that lasts',
  'takes the stress out of {subject}',
];
const FOLLOW_UPS = [
  'Keep notes so you can repeat what works.',
  'Change one thing at a time and see what happens.',
  'There is no need to rush this part.',
  'Small details add up to a big difference here.',
  'Trust what you see and taste, not only the rules.',
  'Most problems come from skipping this step.',
  'It only takes a few minutes once you know it.',
  'Write down what you did, so next time is faster.',
  'If something feels off, go back one step and check.',
  'Ask a friend to try it too and compare notes.',
  'Start simple, then add detail when you are ready.',
  'The goal is a result you can repeat, not a perfect one.',
];
const LEAD_INS = [
  'Start with {point}.',
  'Next, think about {point}.',
  'It also helps to look at {point}.',
  'Then there is {point}.',
  'A key part of this is {point}.',
  'Do not skip {point}.',
  'Pay close attention to {point}.',
  'Take a moment to consider {point}.',
];
const WHY = [
  'This matters because it shapes how well {subject} works for you.',
  'Get this right and the rest of the job gets easier.',
  'Many readers tell us this is the part they wish they had known sooner.',
  'It sounds small, but it changes the result more than most people expect.',
  'This is where a lot of first attempts go wrong.',
  'A clear answer here saves you time in every later step.',
];
const KEYWORD_LINES = [
  'Many readers also search for {kw}, so we cover it here.',
  'This is also the place to talk about {kw}.',
  'If you came here looking for {kw}, this part is for you.',
  'The same ideas apply to {kw} as well.',
];
/** For keywords phrased as a question ("how to …", "what is …"). */
export const INTRO_QUESTION = [
  'Wondering {kw}? This article gives you clear and practical answers.',
  'Many people ask {kw}. Here is a plain answer, step by step.',
];
export const INTRO = [
  'If you want to get {kw} right, this article gives you clear and practical answers.',
  'This guide to {kw} walks you through what matters, step by step.',
  'Looking for help with {kw}? You are in the right place.',
];
export const INTRO_FOLLOW = [
  'We keep things simple, skip the jargon and focus on what works.',
  'You will find plain advice, a few lists and a quick table to come back to.',
  'Each section answers one question, so you can jump to the part you need.',
];
export const CLOSING = [
  'That covers the essentials of {kw}.',
  'Now you have a clear plan for {kw}.',
  'With these steps, {kw} gets easier every time.',
];
const LIST_TAILS = [
  'keep it simple and repeat what works',
  'check it before you begin',
  'it saves time later',
  'most people skip this, but it helps',
  'a small effort with a clear payoff',
  'worth a minute of your time',
  'easy to forget and easy to fix',
  'the part that makes the biggest difference',
];
const STEPS = [
  'Gather what you need and clear some space to work.',
  'Check the {subject} and note anything that looks off.',
  'Follow the process one step at a time, without rushing.',
  'Test the result and note what you would change.',
  'Make one small change and try again.',
  'Clean up and put everything away for next time.',
  'Write down the settings that gave the best result.',
];
const PROS = [
  'Easy to learn',
  'Gives steady results',
  'Needs little upkeep',
  'Good value for the money',
  'Works well every day',
];
const CONS = [
  'Takes a little practice',
  'Not ideal for large batches',
  'Some parts need regular care',
  'Costs more than the most basic option',
];
const FAQ_ANSWERS = [
  'In short, keep it simple. {Subject} works best when you follow the same steps each time and change one thing at a time.',
  'Yes, for most people. Start with the basics in this guide and adjust to your own taste and needs.',
  'It depends on how often you do it. A quick check each week and a deeper look each month works for most people.',
  'The most common mistake is rushing. Give each step a little time and the result improves right away.',
];

const fill = (t: string, v: Record<string, string>) => t.replace(/\{(\w+)\}/g, (m, k: string) => v[k] ?? m);

export interface TextContext {
  random: SandboxRandom;
  subject: string;
  kw: string;
}

/** One filler sentence: opener + subject + predicate, varied by the seeded random source. */
export function sentence(ctx: TextContext): string {
  const { random } = ctx;
  if (random.next() < 0.3) return fill(random.pick(FOLLOW_UPS), { subject: ctx.subject });
  const opener = random.pick(OPENERS);
  const body = `${random.pick(SUBJECTS)} ${fill(random.pick(PREDICATES), { subject: ctx.subject })}.`;
  return opener ? `${opener}${body}` : capitalize(body);
}

/** A sentence that brings an outline point into the prose, and one that says why it matters. */
export function pointSentences(ctx: TextContext, point: string): string[] {
  const p = point.replace(/[.!?]+$/, '');
  return [
    fill(ctx.random.pick(LEAD_INS), { point: p.charAt(0).toLowerCase() + p.slice(1) }),
    fill(ctx.random.pick(WHY), { subject: ctx.subject }),
  ];
}

export const keywordLine = (ctx: TextContext, kw: string) => fill(ctx.random.pick(KEYWORD_LINES), { kw });
export const pickFilled = (ctx: TextContext, bank: string[]) =>
  fill(ctx.random.pick(bank), { kw: ctx.kw, subject: ctx.subject, Subject: capitalize(ctx.subject) });

export const listItem = (ctx: TextContext, point: string) =>
  `${capitalize(point.replace(/[.!?]+$/, ''))}: ${ctx.random.pick(LIST_TAILS)}.`;
/** n steps: always start by gathering things and end by writing down what worked; the middle varies. */
export const steps = (ctx: TextContext, n: number) => [
  STEPS[0]!,
  ...ctx.random
    .shuffle(STEPS.slice(1, -1))
    .slice(0, Math.max(1, n - 2))
    .map((s) => fill(s, { subject: ctx.subject })),
  STEPS[STEPS.length - 1]!,
];
export const pros = (ctx: TextContext) => ctx.random.shuffle(PROS).slice(0, 3);
export const cons = (ctx: TextContext) => ctx.random.shuffle(CONS).slice(0, 2);
export const faqAnswer = (ctx: TextContext) => pickFilled(ctx, FAQ_ANSWERS);
