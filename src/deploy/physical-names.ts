import { DeployError } from './deploy-error.ts';

/**
 * `--prefix` lets two deployments of one build share an account (a test run, a colleague's copy): every physical
 * name gets it, while deployment.json stays keyed by the logical names the ASL placeholders use.
 */
export type ResourceKind = 'bucket' | 'queue' | 'activity' | 'state machine';

const RULES: Record<ResourceKind, { pattern: RegExp; maxLength: number; says: string }> = {
  // S3's rules for new buckets: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.
  bucket: {
    pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    maxLength: 63,
    says: 'lowercase letters, digits, dots and hyphens',
  },
  queue: {
    pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/,
    maxLength: 80,
    says: 'letters, digits, hyphens and underscores (and .fifo)',
  },
  activity: { pattern: /^[A-Za-z0-9_-]+$/, maxLength: 80, says: 'letters, digits, hyphens and underscores' },
  'state machine': { pattern: /^[A-Za-z0-9_-]+$/, maxLength: 80, says: 'letters, digits, hyphens and underscores' },
};

export function physicalName(kind: ResourceKind, logicalName: string, prefix: string): string {
  const name = `${prefix}${logicalName}`;
  const rule = RULES[kind];
  if (name.length > rule.maxLength || !rule.pattern.test(name)) {
    throw new DeployError(
      `${kind} name "${name}"${prefix ? ` (prefix "${prefix}" + "${logicalName}")` : ''} is not valid: ` +
        `at most ${rule.maxLength} characters of ${rule.says}`,
    );
  }
  return name;
}

/** The prefix must keep every kind of name valid, so it takes the narrowest alphabet (bucket names are lowercase). */
export function checkPrefix(prefix: string): string {
  if (prefix !== '' && !/^[a-z0-9][a-z0-9-]*$/.test(prefix)) {
    throw new DeployError(
      `--prefix "${prefix}" must be lowercase letters, digits and hyphens, starting with a letter or digit`,
    );
  }
  return prefix;
}
