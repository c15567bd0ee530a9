/** The folder of the browser's origin-private file system that holds the last run's files. */
export const RUNS_FOLDER = 'xdm-mapper-run';

/**
 * Removes the last run's files from the origin-private file system (on "Start over" and on
 * cancel; a new run replaces them too). A worker that was just stopped may still hold a file
 * for a moment, so a refused removal is tried again a few times. Nothing to do where that
 * storage does not exist.
 */
export async function clearRunFiles(tries = 5): Promise<void> {
  for (let i = 0; i < tries; i++) {
    try {
      const root = await globalThis.navigator?.storage?.getDirectory?.();
      if (!root) return;
      await root.removeEntry(RUNS_FOLDER, { recursive: true });
      return;
    } catch (e) {
      if ((e as { name?: string }).name === 'NotFoundError') return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
