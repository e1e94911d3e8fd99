/** A member of a guest's archive that copy-back did not bring back, and why: named to the user. */
export interface Refusal {
  path: string;
  reason: string;
}

const KINDS: Record<string, string> = {
  link: 'a hard link',
  'character-device': 'a character device',
  'block-device': 'a block device',
  fifo: 'a FIFO',
};

/** A tar member type as words: "a FIFO"; unknown types (GNU sparse 'S', vendor types) as what they likely are. */
export function memberKind(type: string | null | undefined): string {
  return (type && KINDS[type]) ?? 'an entry of another tar type (e.g. a GNU sparse file)';
}
