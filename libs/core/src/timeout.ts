/**
 * `work`, or the error `onTimeout` makes once `ms` have passed, whichever comes first; the timer never outlives the
 * race. For callers that must answer while a dependency (Redis, PostgreSQL) hangs: the work itself is not cancelled.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
