/**
 * How a front end words an input it names in a message. The stages know inputs by their action.yml
 * names ('disk-size'); the action says "Input 'disk-size'" and "accel: tcg", the command line says
 * "Option --disk-size" and "--accel tcg".
 */
export interface InputWording {
  /** The input as the subject of a sentence: "Input 'disk-size'". */
  subject(input: string): string;
  /** The input as a user sets it ("accel: tcg"), or without a value the input alone ("image-url"). */
  setting(input: string, value?: string): string;
  /** Heads a list of several problems: "Invalid inputs". */
  several: string;
}

/** A text that may mention inputs: a plain string, or one written through the front end's wording. */
export type Wordable = string | ((wording: InputWording) => string);

/** What a stage knows about a problem; a front end adds the words for the input. */
export interface Problem {
  /**
   * What is wrong. With `input`, the rest of a sentence whose subject is that input ("is '12x'",
   * "(1.0 GiB) is smaller than the image's own disk (2.0 GiB)"). Ending in '.', it is a whole sentence
   * and the hint follows as the next one; otherwise the hint follows after a colon.
   */
  problem: Wordable;
  /** The action input the problem concerns, by its action.yml name ('disk-size'). */
  input?: string;
  /** The fix, or what is accepted ("a size such as 20G"). */
  hint?: Wordable;
}

/** Words the input neutrally: what `.message` says, for code that prints an error without a front end. */
export const NEUTRAL_WORDING: InputWording = {
  subject: (input) => `'${input}'`,
  setting: (input, value) => (value === undefined ? input : `${input}=${value}`),
  several: 'Invalid settings',
};

/** One problem as one or two sentences: "Input 'disk-size' is '12x': a size such as 20G." */
export function describeProblem({ problem, input, hint }: Problem, wording: InputWording): string {
  const said = (text: Wordable) => (typeof text === 'string' ? text : text(wording));
  const head = input === undefined ? said(problem) : `${wording.subject(input)} ${said(problem)}`;
  if (hint === undefined) return input === undefined ? head : endSentence(head); // a plain message stays as written
  return head.endsWith('.') ? `${head} ${endSentence(said(hint))}` : `${head}: ${endSentence(said(hint))}`;
}

function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * An error a user can act on: the message names the input or condition and the fix. A problem with an
 * input is worded by the front end (`describe`); `.message` words it neutrally.
 */
export class SolsticeError extends Error {
  override name = 'SolsticeError';
  readonly problem: Wordable;
  readonly input?: string;
  readonly hint?: Wordable;
  constructor(problem: Wordable, { input, hint, ...options }: Omit<Problem, 'problem'> & ErrorOptions = {}) {
    super(
      describeProblem(
        { problem, ...(input === undefined ? {} : { input }), ...(hint === undefined ? {} : { hint }) },
        NEUTRAL_WORDING,
      ),
      options,
    );
    this.problem = problem;
    if (input !== undefined) this.input = input;
    if (hint !== undefined) this.hint = hint;
  }

  /** The message, naming inputs the way a front end does. */
  describe(wording: InputWording): string {
    return this.input === undefined && this.hint === undefined && typeof this.problem === 'string'
      ? this.message
      : describeProblem(this, wording);
  }
}

/** All invalid inputs at once, so a user fixes them in one round. */
export class InputError extends SolsticeError {
  override name = 'InputError';
  constructor(readonly problems: readonly Problem[]) {
    super(InputError.list(problems, NEUTRAL_WORDING));
  }

  override describe(wording: InputWording): string {
    return InputError.list(this.problems, wording);
  }

  private static list(problems: readonly Problem[], wording: InputWording): string {
    const lines = problems.map((problem) => describeProblem(problem, wording));
    return lines.length === 1 ? lines[0]! : `${wording.several}:\n- ${lines.join('\n- ')}`;
  }
}

/** Raised when the job is cancelled (SIGINT/SIGTERM or an abort signal). */
export class CancelledError extends SolsticeError {
  override name = 'CancelledError';
  constructor(message = 'The job was cancelled.') {
    super(message);
  }
}

/** Throws CancelledError if the signal has fired; used between stages. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
