/**
 * How deploy proves a resource is its own before deleting it: everything it creates (or adopts, being in the build)
 * carries these tags, and prune considers only resources tagged with this deploy's prefix. A resource made by hand
 * has no such tags and is never touched.
 */
export type Tags = Readonly<Record<string, string>>;

export const MANAGED_TAG = 'stepforge:managed';
export const PREFIX_TAG = 'stepforge:prefix';
/** Tag values may not be empty on every service, so "no prefix" is spelt `-` (never a valid prefix itself). */
const NO_PREFIX = '-';

export function ownershipTags(prefix: string): Tags {
  return { [MANAGED_TAG]: 'true', [PREFIX_TAG]: prefix === '' ? NO_PREFIX : prefix };
}

/** Tagged by a deploy with this prefix: deploys with other prefixes share the account and are left alone. */
export function isOwned(tags: Tags | undefined, prefix: string): boolean {
  const wanted = ownershipTags(prefix);
  return tags !== undefined && Object.entries(wanted).every(([key, value]) => tags[key] === value);
}

/** In the build but without our tags (made by an older stepforge, or by hand with the build's name): adopt it. */
export function lacksOwnershipTags(tags: Tags | undefined, prefix: string): boolean {
  return tags !== undefined && !isOwned(tags, prefix);
}

export const toKeyValueList = (tags: Tags) => Object.entries(tags).map(([key, value]) => ({ key, value }));
export const fromKeyValueList = (list: readonly { key?: string; value?: string }[] | undefined): Tags =>
  Object.fromEntries((list ?? []).map(({ key, value }) => [key ?? '', value ?? '']));
