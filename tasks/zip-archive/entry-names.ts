import type { ZipArchiveFileRequest } from './payload.ts';
import { baseName } from './source-location.ts';

/** `report.pdf` has an extension; `README`, `.env` and `v1.` do not. */
function splitExtension(segment: string): { stem: string; extension: string } {
  const dot = segment.lastIndexOf('.');
  if (dot <= 0 || dot === segment.length - 1) return { stem: segment, extension: '' };
  return { stem: segment.slice(0, dot), extension: segment.slice(dot) };
}

/**
 * The archiver's naming rule: no destination gives the source's base name; a destination whose last segment has a
 * file extension is the whole entry path (a rename); any other destination is a folder for the base name.
 */
export function entryName(file: Pick<ZipArchiveFileRequest, 'location' | 'destination'>): string {
  const base = baseName(file.location.key);
  if (file.destination === undefined) return base;
  if (splitExtension(baseName(file.destination)).extension !== '') return file.destination;
  return `${file.destination}/${base}`;
}

/** `a.txt`, `a (1).txt`, `a (2).txt`: a later entry of a taken name gets the first free counter before its extension. */
export function uniqueEntryNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let unique = name;
    if (taken.has(name)) {
      const slash = name.lastIndexOf('/');
      const folder = name.slice(0, slash + 1);
      const { stem, extension } = splitExtension(name.slice(slash + 1));
      for (let counter = 1; taken.has(unique); counter++) unique = `${folder}${stem} (${counter})${extension}`;
    }
    taken.add(unique);
    return unique;
  });
}
