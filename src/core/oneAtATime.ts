/**
 * At most one task at a time, the others dropped rather than queued: for questions raised by
 * outside events (an unverified webhook), where a flood must not stack up dialogs.
 */
export interface OneAtATime {
  /** A task is running. */
  readonly busy: boolean;
  /** Runs `task` when none is running; otherwise returns 'busy' at once and never runs it. */
  run<T>(task: () => PromiseLike<T> | T): Promise<T | 'busy'>;
}

export function oneAtATime(): OneAtATime {
  let running = false;
  return {
    get busy() {
      return running;
    },
    async run(task) {
      if (running) return 'busy';
      running = true;
      try {
        return await task();
      } finally {
        running = false;
      }
    },
  };
}
