// What a console page reads before it can draw, so the shell can carry it or ask for it beside the script: without
// this the definition is requested only once the script has loaded and run, a round trip (and, for a workflow's
// type, a Step Functions call) after everything else. API paths are built exactly as the client builds them
// (decoded segments, encodeURIComponent), or the browser would not match a preload with the page's fetch.

const enc = encodeURIComponent;

export interface FirstReads {
  /** API paths the page fetches first. */
  readonly preloads: readonly string[];
  /** The workflow whose definition the page draws, when it draws one. */
  readonly workflow?: string;
}

function decodedParts(pathname: string): string[] | undefined {
  try {
    return pathname
      .replace(/^\/ui/, '')
      .split('/')
      .filter(Boolean)
      .map((part) => decodeURIComponent(part));
  } catch {
    return undefined; // a malformed escape: the page reports it, nothing to read ahead
  }
}

/** The first reads of the page at `pathname` (`/ui/...`, still percent-encoded), mirroring client/router.ts. */
export function firstReadsOf(pathname: string): FirstReads {
  const parts = decodedParts(pathname.replace(/\/+$/, ''));
  if (!parts) return { preloads: [] };
  const [page = 'workflows', workflow, section, execution] = parts;
  if (page !== 'workflows') return { preloads: [] };
  if (workflow === undefined) return { preloads: ['/workflows'] };
  const details = `/workflows/${enc(workflow)}`;
  if (parts.length === 2) return { preloads: [details], workflow };
  if (parts.length === 4 && section === 'executions' && execution !== undefined)
    return { preloads: [`${details}/executions/${enc(execution)}`, details], workflow };
  return { preloads: [] };
}
