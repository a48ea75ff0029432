/** What an admin may see of a failed job: ids and the error's first line. Job payloads carry ids only, but only ids leave. */
export interface JobDataId {
  readonly key: string;
  readonly value: string;
}

const ID_KEY = /(^id$|Id$|^ids$|Ids$)/;
const ID_VALUE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,20})$/i;
const MAX_IDS = 25;
const MAX_REASON = 500;

/** The ids in a job's data (keys named `id`, `…Id`, `…Ids`; values that look like a UUID or an integer), as dotted paths. */
export function jobDataIds(data: unknown): JobDataId[] {
  const out: JobDataId[] = [];
  const walk = (value: unknown, path: string, depth: number, idKey: boolean) => {
    if (out.length >= MAX_IDS || depth > 4 || value === null || value === undefined) return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
      const text = String(value);
      if (idKey && ID_VALUE.test(text)) out.push({ key: path, value: text });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1, idKey));
      return;
    }
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, path ? `${path}.${k}` : k, depth + 1, ID_KEY.test(k));
    }
  };
  walk(data, '', 0, false);
  return out;
}

/** The first line of an error, cut to a readable length (later lines of driver errors may quote values). */
export function firstLine(reason: string | null | undefined): string {
  const line = (reason ?? '').split(/\r?\n/, 1)[0]!.trim();
  if (!line) return 'unknown';
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
}
