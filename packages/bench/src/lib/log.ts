import { LoggerService } from '@backstage/backend-plugin-api';

/** Progress goes to stderr so that stdout stays one JSON object. */
export function progress(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

/** A logger for backends started by the benchmarks: errors and warnings to stderr only. */
export const quietLogger: LoggerService = {
  error: message => process.stderr.write(`${message}\n`),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};
