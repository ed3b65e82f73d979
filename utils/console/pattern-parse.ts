/**
 * The parser half of the page-rule text patterns (see `safe-pattern.ts`): turns a pattern's source
 * into a tree of character tests, sequences, alternations, repetitions and assertions, refusing
 * what the linear-time matcher does not support. No zod and no browser globals: the console
 * content script bundles this file.
 */

/** Why a pattern cannot be a page rule's text pattern. */
export type PatternRefusal = 'syntax' | 'backreference' | 'lookaround' | 'modifier' | 'too-complex';

/** Most instructions a compiled pattern may have (counted repetitions are expanded). */
export const MAX_PROGRAM = 2_000;

/** One code point test. */
export type CharTest = (cp: number) => boolean;

/** The parsed pattern. */
export type Node =
  | { t: 'char'; test: CharTest }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'assert'; kind: AssertKind };

/** A zero-width test: `^`, `$`, `\b` or `\B`. */
export type AssertKind = 'bol' | 'eol' | 'word' | 'not-word';

/** Thrown while parsing or compiling a pattern that cannot be a page rule's text pattern. */
export class Refused extends Error {
  constructor(
    readonly refusal: PatternRefusal,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Character sets

type Range = readonly [number, number];

const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
/** JavaScript's `\s`: WhiteSpace and LineTerminator. */
const SPACE: Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];

function inRanges(ranges: readonly Range[], cp: number): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

const rangeTest =
  (ranges: readonly Range[], negate = false): CharTest =>
  (cp) =>
    inRanges(ranges, cp) !== negate;

/** Whether a code point is a `\w` character (for `\b` and `\B`). */
export const isWordChar = rangeTest(WORD);
/** `.` with the `u` flag: any code point but a line terminator. */
const DOT: CharTest = (cp) => cp !== 0x0a && cp !== 0x0d && cp !== 0x2028 && cp !== 0x2029;

// ---------------------------------------------------------------------------------------------
// Parser (the source is already known to compile as a JavaScript `u` regular expression)

/** Parses one pattern source: `new Parser(source).parse()` (throws {@link Refused}). */
export class Parser {
  private i = 0;
  private readonly cps: number[];

  constructor(source: string) {
    this.cps = Array.from(source, (c) => c.codePointAt(0)!);
  }

  parse(): Node {
    const node = this.disjunction();
    if (this.i < this.cps.length) throw new Refused('syntax', `unexpected "${this.char(this.i)}"`);
    return node;
  }

  private char(at: number): string {
    const cp = this.cps[at];
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  private peek(offset = 0): string {
    return this.char(this.i + offset);
  }

  private take(): string {
    return this.char(this.i++);
  }

  private eat(s: string): boolean {
    for (let k = 0; k < s.length; k++) if (this.peek(k) !== s[k]) return false;
    this.i += s.length;
    return true;
  }

  private disjunction(): Node {
    const options = [this.alternative()];
    while (this.eat('|')) options.push(this.alternative());
    return options.length === 1 ? options[0]! : { t: 'alt', options };
  }

  private alternative(): Node {
    const items: Node[] = [];
    while (this.i < this.cps.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.term());
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private term(): Node {
    const c = this.peek();
    if (c === '^' || c === '$') {
      this.i++;
      return { t: 'assert', kind: c === '^' ? 'bol' : 'eol' };
    }
    if (c === '\\' && (this.peek(1) === 'b' || this.peek(1) === 'B')) {
      this.i += 2;
      return { t: 'assert', kind: this.char(this.i - 1) === 'b' ? 'word' : 'not-word' };
    }
    const atom = this.atom();
    return this.quantified(atom);
  }

  private quantified(atom: Node): Node {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.rest());
      if (!m) throw new Refused('syntax', 'a lone "{"');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    this.eat('?'); // lazy: the same answer to "does it match?"
    if (min > MAX_PROGRAM || (max !== Infinity && max > MAX_PROGRAM)) {
      throw new Refused('too-complex', `the repetition {${min},${max === Infinity ? '' : max}} is too large`);
    }
    return { t: 'rep', node: atom, min, max };
  }

  private rest(): string {
    return String.fromCodePoint(...this.cps.slice(this.i, this.i + 64));
  }

  private atom(): Node {
    const c = this.take();
    if (c === '.') return { t: 'char', test: DOT };
    if (c === '[') return { t: 'char', test: this.classBody() };
    if (c === '(') return this.group();
    if (c === '\\') return { t: 'char', test: this.escape(false).test };
    if (c === '' || c === ')' || c === '|') throw new Refused('syntax', 'unexpected end of group');
    const cp = c.codePointAt(0)!;
    return { t: 'char', test: (x) => x === cp };
  }

  private group(): Node {
    if (this.eat('?')) {
      if (this.eat(':')) return this.closeGroup();
      if (this.peek() === '=' || this.peek() === '!' || (this.peek() === '<' && /[=!]/.test(this.peek(1)))) {
        throw new Refused('lookaround', 'lookarounds ((?=…), (?!…), (?<=…), (?<!…)) are not supported');
      }
      if (this.eat('<')) {
        while (this.i < this.cps.length && this.peek() !== '>') this.i++;
        this.i++;
        return this.closeGroup();
      }
      throw new Refused('modifier', 'inline modifiers such as (?i:…) are not supported');
    }
    return this.closeGroup();
  }

  private closeGroup(): Node {
    const node = this.disjunction();
    if (!this.eat(')')) throw new Refused('syntax', 'a group is not closed');
    return node;
  }

  /**
   * An escape after `\` (the backslash already taken). Gives a test, and the code point when the
   * escape stands for one character (a class range may use it as an end).
   */
  private escape(inClass: boolean): { test: CharTest; cp: number | null } {
    const c = this.take();
    const one = (cp: number) => ({ test: (x: number) => x === cp, cp });
    const set = (test: CharTest) => ({ test, cp: null });
    switch (c) {
      case 'd':
        return set(rangeTest(DIGIT));
      case 'D':
        return set(rangeTest(DIGIT, true));
      case 'w':
        return set(rangeTest(WORD));
      case 'W':
        return set(rangeTest(WORD, true));
      case 's':
        return set(rangeTest(SPACE));
      case 'S':
        return set(rangeTest(SPACE, true));
      case 'p':
      case 'P': {
        const close = this.cps.indexOf(0x7d, this.i);
        if (this.peek() !== '{' || close < 0) throw new Refused('syntax', 'a \\p escape needs {…}');
        const body = String.fromCodePoint(...this.cps.slice(this.i + 1, close));
        this.i = close + 1;
        // One anchored property test on one character: constant time, nothing to backtrack.
        const re = new RegExp(`^\\${c}{${body}}$`, 'u');
        return set((cp) => re.test(String.fromCodePoint(cp)));
      }
      case 'f':
        return one(0x0c);
      case 'n':
        return one(0x0a);
      case 'r':
        return one(0x0d);
      case 't':
        return one(0x09);
      case 'v':
        return one(0x0b);
      case 'b':
        return one(0x08); // only reached inside a class, where \b is a backspace
      case '-':
        return one(0x2d);
      case 'c': {
        const letter = this.take();
        return one(letter.charCodeAt(0) % 32);
      }
      case '0':
        return one(0);
      case 'x': {
        const hex = String.fromCodePoint(...this.cps.slice(this.i, this.i + 2));
        this.i += 2;
        return one(parseInt(hex, 16));
      }
      case 'u':
        return one(this.unicodeEscape());
      case 'k':
        throw new Refused('backreference', 'backreferences (\\k<name>) are not supported');
      default:
        if (/[1-9]/.test(c)) throw new Refused('backreference', 'backreferences (\\1 …) are not supported');
        if (c === '') throw new Refused('syntax', 'a pattern cannot end with \\');
        if (inClass || /[\^$\\.*+?()[\]{}|/]/.test(c)) return one(c.codePointAt(0)!);
        throw new Refused('syntax', `unknown escape \\${c}`);
    }
  }

  private unicodeEscape(): number {
    if (this.eat('{')) {
      const close = this.cps.indexOf(0x7d, this.i);
      const cp = parseInt(String.fromCodePoint(...this.cps.slice(this.i, close)), 16);
      this.i = close + 1;
      return cp;
    }
    const hex = (at: number) => parseInt(String.fromCodePoint(...this.cps.slice(at, at + 4)), 16);
    const first = hex(this.i);
    this.i += 4;
    // A surrogate pair written as two escapes is one code point with the `u` flag.
    if (first >= 0xd800 && first <= 0xdbff && this.peek() === '\\' && this.peek(1) === 'u') {
      const second = hex(this.i + 2);
      if (second >= 0xdc00 && second <= 0xdfff) {
        this.i += 6;
        return (first - 0xd800) * 0x400 + (second - 0xdc00) + 0x10000;
      }
    }
    return first;
  }

  /** A class after `[` (taken), up to and including `]`. */
  private classBody(): CharTest {
    const negate = this.eat('^');
    const ranges: Range[] = [];
    const tests: CharTest[] = [];
    const classAtom = (): { test: CharTest; cp: number | null } => {
      const c = this.take();
      if (c === '\\') return this.escape(true);
      if (c === '') throw new Refused('syntax', 'a class is not closed');
      const cp = c.codePointAt(0)!;
      return { test: (x) => x === cp, cp };
    };
    while (this.peek() !== ']') {
      if (this.i >= this.cps.length) throw new Refused('syntax', 'a class is not closed');
      const from = classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.i++;
        const to = classAtom();
        if (from.cp === null || to.cp === null) throw new Refused('syntax', 'a class range needs two characters');
        ranges.push([from.cp, to.cp]);
      } else if (from.cp !== null) ranges.push([from.cp, from.cp]);
      else tests.push(from.test);
    }
    this.i++;
    return (cp) => (inRanges(ranges, cp) || tests.some((t) => t(cp))) !== negate;
  }
}
