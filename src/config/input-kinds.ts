/**
 * What kind of value each input takes, and the one checker that reads a value of a kind: every input of
 * a kind is parsed the same way and refused in the same words. Pure: no table, no environment.
 */
import { isAbsolute } from 'node:path';
import { DIGEST_HEX_LENGTH, type Digest } from '../core/vocabulary.js';

/** One of the `choices` (compared without case); `meanings` explain some of them in the refusal. */
export interface ChoiceKind<Choice extends string = string> {
  readonly kind: 'choice';
  readonly choices: readonly Choice[];
  readonly meanings?: Partial<Record<NoInfer<Choice>, string>>;
  /** Other spellings accepted for a choice (`amd64` for `x86_64`). */
  readonly aliases?: Readonly<Record<string, NoInfer<Choice>>>;
}

export const BOOLEAN_CHOICES = ['true', 'false'] as const;

/** `true` or `false` (compared without case). */
export interface BooleanKind {
  readonly kind: 'boolean';
  readonly meanings?: { readonly true: string; readonly false: string };
}

/** A number from `min` to `max`: whole unless `fractions`, counted in `unit` when it has one. */
export interface NumberKind {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
  readonly fractions?: true;
}

/** A size such as `512M`, `1.5G` or `20GiB`, in bytes, from `min` to `max` (written the same way). */
export interface SizeKind {
  readonly kind: 'size';
  readonly min: string;
  readonly max: string;
  readonly example: string;
}

/** An absolute directory path on the runner. */
export interface DirectoryKind {
  readonly kind: 'directory';
}

/** `sha256:<64 hex digits>` or `sha512:<128 hex digits>`. */
export interface DigestKind {
  readonly kind: 'digest';
}

/** Free text, or text that passes `accepts` (described by `accepted`). */
export type TextKind =
  | { readonly kind: 'text' }
  | { readonly kind: 'text'; readonly accepts: (text: string) => boolean; readonly accepted: string };

/** Items separated by commas or white space, each passing `accepts` (described by `accepted`). */
export interface ListKind {
  readonly kind: 'list';
  readonly accepts: (item: string) => boolean;
  readonly accepted: string;
}

export type InputKind =
  ChoiceKind | BooleanKind | NumberKind | SizeKind | DirectoryKind | DigestKind | TextKind | ListKind;

/** What an input of this kind reads as; an empty optional number, size or digest reads as undefined. */
export type KindValue<Spec extends InputKind & { readonly default: string }> = Spec extends BooleanKind
  ? boolean
  : Spec extends { readonly choices: readonly (infer Choice)[] }
    ? Choice
    : Spec extends NumberKind | SizeKind
      ? Spec['default'] extends ''
        ? number | undefined
        : number
      : Spec extends DigestKind
        ? Digest | undefined
        : Spec extends ListKind
          ? string[]
          : string;

/** Why a value is refused: the text at fault (one item of a list) and what the input accepts. */
export interface Refusal {
  readonly text: string;
  readonly accepted: string;
}

export type Checked = { readonly value: unknown } | { readonly refusals: readonly Refusal[] };

/**
 * Reads `text` (trimmed; the input's default when it was not given) as a value of `kind`. Empty text
 * reads as no value: only an optional input (default '') can be empty, and `whenEmpty` says what
 * leaving it empty does ("to keep the image size"), for the refusal's words.
 */
export function checkValue(kind: InputKind, text: string, whenEmpty?: string): Checked {
  if (text === '')
    return { value: kind.kind === 'list' ? [] : kind.kind === 'text' || kind.kind === 'directory' ? '' : undefined };
  const refuse = (accepted: string, ...refused: string[]): Checked => ({
    refusals: (refused.length > 0 ? refused : [text]).map((item) => ({
      text: item,
      accepted: whenEmpty === undefined ? accepted : `${accepted} (or leave it empty ${whenEmpty})`,
    })),
  });
  switch (kind.kind) {
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === 'false') return { value: lower === 'true' };
      return refuse(alternatives(BOOLEAN_CHOICES, kind.meanings));
    }
    case 'choice': {
      const lower = text.toLowerCase();
      const choice = kind.choices.find((candidate) => candidate === lower) ?? kind.aliases?.[lower];
      if (choice !== undefined) return { value: choice };
      const aliases = Object.keys(kind.aliases ?? {});
      const alsoAccepted = aliases.length === 0 ? '' : ` (${aliases.join(' and ')} are accepted too)`;
      return refuse(`${alternatives(kind.choices, kind.meanings)}${alsoAccepted}`);
    }
    case 'number': {
      const number = (kind.fractions ? /^\d+(\.\d+)?$/ : /^\d+$/).test(text) ? Number(text) : NaN;
      if (number >= kind.min && number <= kind.max) return { value: number };
      const counted = kind.unit === undefined ? '' : ` of ${kind.unit}`;
      return refuse(`a ${kind.fractions ? '' : 'whole '}number${counted} from ${kind.min} to ${kind.max}`);
    }
    case 'size': {
      const bytes = parseSize(text);
      if (bytes !== undefined && bytes >= parseSize(kind.min)! && bytes <= parseSize(kind.max)!)
        return { value: bytes };
      return refuse(`a size such as ${kind.example}, from ${kind.min} to ${kind.max}`);
    }
    case 'directory':
      return isAbsolute(text) ? { value: text } : refuse('an absolute directory path');
    case 'digest': {
      const digest = parseChecksum(text);
      if (digest) return { value: digest };
      const { sha256, sha512 } = DIGEST_HEX_LENGTH;
      return refuse(`expected 'sha256:' followed by ${sha256} hex digits or 'sha512:' followed by ${sha512}`);
    }
    case 'text':
      return !('accepts' in kind) || kind.accepts(text) ? { value: text } : refuse(kind.accepted);
    case 'list': {
      const items = text.split(/[\s,]+/).filter((item) => item !== '');
      const refused = items.filter((item) => !kind.accepts(item));
      return refused.length === 0 ? { value: items } : refuse(kind.accepted, ...refused);
    }
  }
}

/** The range a number or size input enforces, as the docs write it ("1–255", "256M–1024G"). */
export function rangeText(kind: InputKind): string | undefined {
  return kind.kind === 'number' || kind.kind === 'size' ? `${kind.min}–${kind.max}` : undefined;
}

/** "'a' or 'b'" for two, "one of 'a', 'b', 'c'" for more; a choice with a meaning is followed by it. */
function alternatives(choices: readonly string[], meanings: Readonly<Record<string, string | undefined>> = {}): string {
  const worded = choices.map((choice) => (meanings[choice] ? `'${choice}' (${meanings[choice]})` : `'${choice}'`));
  return worded.length === 2 ? worded.join(' or ') : `one of ${worded.join(', ')}`;
}

const SIZE_UNITS: Record<string, number> = { M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** Parses `512M`, `2G`, `1.5G`, `20GiB` into bytes; undefined when malformed. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([MGT])(?:i?B)?$/i.exec(text.trim());
  if (!match) return undefined;
  const bytes = Number(match[1]) * SIZE_UNITS[match[2]!.toUpperCase()]!;
  return Number.isFinite(bytes) ? Math.round(bytes) : undefined;
}

export function parseChecksum(text: string): Digest | undefined {
  const match = /^(sha256|sha512):([0-9a-f]+)$/i.exec(text.trim());
  if (!match) return undefined;
  const algorithm = match[1]!.toLowerCase() as Digest['algorithm'];
  const hex = match[2]!.toLowerCase();
  return hex.length === DIGEST_HEX_LENGTH[algorithm] ? { algorithm, hex } : undefined;
}
