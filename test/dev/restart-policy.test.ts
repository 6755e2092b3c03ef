import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RESTART_POLICY, restartDecision } from '../../src/dev/restart-policy.ts';

const policy = { initialDelayMs: 500, maxDelayMs: 30_000, crashLoopExits: 5, windowMs: 60_000 };

test('backoff doubles with each exit inside the window, from the initial delay', () => {
  const now = 100_000;
  const delays = [1, 2, 3, 4].map(
    (count) =>
      restartDecision(
        Array.from({ length: count }, (_, index) => now - index * 1000),
        now,
        policy,
      ).delayMs,
  );
  assert.deepEqual(delays, [500, 1000, 2000, 4000]);
});

test('the fifth exit inside the window is a crash loop, retried at the capped delay', () => {
  const now = 100_000;
  const decision = restartDecision([now - 40_000, now - 30_000, now - 20_000, now - 10_000, now], now, policy);
  assert.deepEqual(decision, { delayMs: 30_000, recentExits: 5, crashLoop: true });
});

test('exits older than the window no longer count: a child that ran a while starts from the short delay again', () => {
  const now = 1_000_000;
  assert.deepEqual(restartDecision([now - 500_000, now - 400_000, now - 300_000, now - 200_000, now], now, policy), {
    delayMs: 500,
    recentExits: 1,
    crashLoop: false,
  });
});

test('the delay never exceeds the cap, even with a long crash loop threshold', () => {
  const now = 10_000_000;
  const exits = Array.from({ length: 12 }, (_, index) => now - index);
  assert.equal(restartDecision(exits, now, { ...policy, crashLoopExits: 100 }).delayMs, 30_000);
  assert.equal(DEFAULT_RESTART_POLICY.maxDelayMs, 30_000);
});
