/** The folder of the browser's origin-private file system that holds the last run's files. */
export const RUNS_FOLDER = 'xdm-mapper-run';

/**
 * Removes the last run's files from the origin-private file system (on "Start over" and on
 * cancel; a new run replaces them too). Nothing to do where that storage does not exist.
 */
export async function clearRunFiles(): Promise<void> {
  try {
    const root = await globalThis.navigator?.storage?.getDirectory?.();
    await root?.removeEntry(RUNS_FOLDER, { recursive: true });
  } catch {
    // Nothing there, or still held by a worker that is stopping: the next run replaces it.
  }
}
