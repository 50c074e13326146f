/** controller.SlowStartInitialBatchSize: the first batch of pod creations is one pod. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * controller_utils slowStartBatch: calls `fn` `count` times in batches of 1, 2, 4, … and stops
 * after the first batch with a failure, so a controller whose every call fails (quota, admission)
 * makes one doomed request instead of hundreds. Returns the successes and the first error.
 */
export function slowStartBatch<E>(
  count: number,
  initialBatchSize: number,
  fn: () => E | undefined,
): { successes: number; error?: E } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let firstError: E | undefined;
    for (let i = 0; i < batch; i++) {
      const err = fn();
      if (err === undefined) successes++;
      else firstError ??= err;
    }
    if (firstError !== undefined) return { successes, error: firstError };
    remaining -= batch;
  }
  return { successes };
}
