/**
 * Messages to the person, one per topic: a new message on a topic replaces the old one, and a
 * topic's message goes when its problem is gone (a good file loaded clears the file's error).
 */
export type NoticeTopic = 'schema' | 'source' | 'mapping' | 'edit' | 'session' | 'run';

export const TOPIC_LABELS: Record<NoticeTopic, string> = {
  schema: 'Schema',
  source: 'CSV file',
  mapping: 'Mapping file',
  edit: 'Mapping',
  session: 'Session',
  run: 'Run',
};

export interface Notice {
  topic: NoticeTopic;
  kind: 'error' | 'warning' | 'info';
  text: string;
}

/** The notices with `n` in place of whatever its topic said before (newest first). */
export function withNotice(notices: readonly Notice[], n: Notice): Notice[] {
  return [n, ...notices.filter((x) => x.topic !== n.topic)];
}

/** The notices without the topic's. */
export function withoutNotice(notices: readonly Notice[], topic: NoticeTopic): Notice[] {
  return notices.some((n) => n.topic === topic) ? notices.filter((n) => n.topic !== topic) : (notices as Notice[]);
}
