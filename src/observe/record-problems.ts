import type { RecordProblem } from './flow-record.js';

/** Where the readers put the lines they could not take: every one counted, the first `limit` kept to be shown. */
export interface ProblemSink {
  count: number;
  kept: RecordProblem[];
  limit: number;
}

export function problemSink(limit = 100): ProblemSink {
  return { count: 0, kept: [], limit };
}

export function noteProblem(sink: ProblemSink, problem: RecordProblem): void {
  sink.count++;
  if (sink.kept.length < sink.limit) sink.kept.push(problem);
}
