import type { MessageKey } from '../i18n';
import { foldText, syllablesOf } from '../kb/search-text';

/**
 * Self-identifying content in an anonymous item: what the form warns about before it is saved as
 * ready. Each finding is located (`start`/`end`, offsets into the original text) so the form can
 * highlight it. Advisory: the agent may keep the text as it is.
 *
 * Trade-offs (tested in test/unit/feedback-warnings.test.ts):
 * - Numbers: an 11-digit `1[3-9]…` number is a mobile number unless a word just before it says it
 *   is an order, ticket, waybill, invoice… number (`订单号 13912345678` is not warned about; a bare
 *   one is, even if it was an order number: a false alarm costs a glance, a miss can cost the
 *   writer). Digits inside a longer run of digits or letters (order numbers, SKUs) never match.
 *   `400`/`800` company hotlines are not personal and are not flagged.
 * - Times: a clock time with minutes (`14:32`, `3点20分`, `3点半`), a calendar date (`3月15日`,
 *   `2026-03-15`, `March 15`) and a named day with a part of it (`昨天下午`, `last Tuesday
 *   evening`) are flagged: with the console's call log they can find the call and its agent.
 *   An hour alone (`早上8点开会`) is flagged only next to a named day. Durations with a word such
 *   as 通话/时长/AHT/duration before them (`平均通话 05:30`) are not times.
 * - Places: seat, desk, floor, room and street-address numbers. A city or a team name is not
 *   flagged (too common to be telling, and often the point of the feedback).
 * - Names: the agent's configured name, and for a Chinese name its given name (3 or more
 *   characters) and pinyin; for a Latin name each part of 3 or more letters.
 * - ID numbers: an 18-character Chinese resident ID whose date and check digit are valid (or
 *   that follows 身份证/ID card); employee and agent numbers after a word that says so (工号,
 *   坐席号, employee ID, agent no.) and `kf1024`-style console accounts.
 */

/** What kind of self-identifying content a finding is. */
export const WARNING_KINDS = ['idNumber', 'email', 'phone', 'employeeNumber', 'ownName', 'place', 'time'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/** One piece of possibly identifying text, `[start, end)` in the original text. */
export interface ContentFinding {
  kind: WarningKind;
  start: number;
  end: number;
  /** The text found (the original characters, for the warning list). */
  text: string;
}

/** What the form says about each kind: a short label and what to do. */
export const WARNING_CATALOGUE: Record<WarningKind, { label: MessageKey; advice: MessageKey }> = {
  idNumber: { label: 'feedback.warnings.idNumber', advice: 'feedback.warnings.idNumberAdvice' },
  email: { label: 'feedback.warnings.email', advice: 'feedback.warnings.emailAdvice' },
  phone: { label: 'feedback.warnings.phone', advice: 'feedback.warnings.phoneAdvice' },
  employeeNumber: { label: 'feedback.warnings.employeeNumber', advice: 'feedback.warnings.employeeNumberAdvice' },
  ownName: { label: 'feedback.warnings.ownName', advice: 'feedback.warnings.ownNameAdvice' },
  place: { label: 'feedback.warnings.place', advice: 'feedback.warnings.placeAdvice' },
  time: { label: 'feedback.warnings.time', advice: 'feedback.warnings.timeAdvice' },
};

/** What else the check should know: the agent's own name(s) from settings. */
export interface WarningOptions {
  ownNames?: readonly string[];
}

// Boundaries: not inside a run of ASCII letters or digits (folded text is lower case).
const NB = '(?<![0-9a-z])';
const NA = '(?![0-9a-z])';
const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
const CN_NUM = '零〇一二两三四五六七八九十';
const CN_DAY =
  '(?:今天|昨天|前天|大前天|今早|昨晚|上周[一二三四五六日天]|这周[一二三四五六日天]|本周[一二三四五六日天]|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天])';
const CN_PART = '(?:上午|下午|中午|晚上|早上|凌晨|傍晚|夜里|半夜|清早)';
const EN_DAY =
  '(?:yesterday|today|tonight|(?:last|this)\\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tues|wednes|thurs|fri|satur|sun)day)';
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

/** Words that say a number is not a phone: an order, ticket, waybill or invoice number. */
const NOT_PHONE_BEFORE =
  /(订单|单号|工单|运单|快递|物流|发票|流水|交易号|退款号|序列号|型号|版本|order|ticket|case|tracking|invoice|ref\.?|sku|no\.|#)\s*(号|编号|id)?\s*[:是为]?\s*$/;
/** Words that say a clock-like number is a duration. */
const DURATION_BEFORE =
  /(时长|通话|平均|用时|耗时|等了|排队|持续|duration|aht|average|avg|took|lasted|hold)\s*[:是为了]?\s*$/;
/** A named day within a few characters before an hour makes the hour specific. */
const NAMED_DAY_NEAR = new RegExp(`(${CN_DAY}|\\d{1,2}月\\d{1,2}[日号]|${EN_DAY})[\\s,，]*(${CN_PART})?[\\s,，]*$`);

interface Rule {
  kind: WarningKind;
  re: RegExp;
  /** Keeps or drops a match, given the folded text before it. */
  keep?: (match: RegExpMatchArray, before: string) => boolean;
}

/** ISO 7064 MOD 11-2 check character of a Chinese resident ID's first 17 digits. */
export function idCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return '10x98765432'[sum % 11]!;
}

const RULES: Rule[] = [
  {
    kind: 'idNumber',
    re: new RegExp(`${NB}[1-9]\\d{5}(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9x]${NA}`, 'g'),
    keep: (m, before) =>
      idCheckChar(m[0].slice(0, 17)) === m[0][17] || /(身份证|证件|id\s*card|id\s*no)\S{0,4}\s*$/.test(before),
  },
  { kind: 'email', re: /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/g },
  // CN mobile, with or without +86 and separators: 13812345678, 138 1234 5678, +86-138-1234-5678.
  {
    kind: 'phone',
    re: new RegExp(`(?:(?:\\+|00)\\s?86[\\s-]?)?${NB}1[3-9]\\d(?:[\\s-]?\\d{4}){2}${NA}`, 'g'),
    keep: (m, before) => m[0].startsWith('+') || m[0].startsWith('00') || !NOT_PHONE_BEFORE.test(before),
  },
  // International, written with a +: +44 20 7946 0958, +1 (415) 555-2671.
  {
    kind: 'phone',
    re: /\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}(?![0-9])/g,
    keep: (m) => {
      const digits = m[0].replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15;
    },
  },
  // CN landline: 010-12345678, (0755) 8601 3388, 021 5555 1234.
  {
    kind: 'phone',
    re: new RegExp(`${NB}(?:\\(0\\d{2,3}\\)|0\\d{2,3})[\\s-]?[2-9]\\d{2,3}[\\s-]?\\d{4}${NA}`, 'g'),
    keep: (_m, before) => !NOT_PHONE_BEFORE.test(before),
  },
  // North-American style with separators: (415) 555-2671, 415-555-2671 (not 400/800 hotlines).
  {
    kind: 'phone',
    re: new RegExp(`${NB}(?:\\(\\d{3}\\)\\s?|\\d{3}[\\s.-])\\d{3}[\\s.-]\\d{4}${NA}`, 'g'),
    keep: (m, before) => !/^\(?[48]00/.test(m[0]) && !NOT_PHONE_BEFORE.test(before),
  },
  {
    kind: 'employeeNumber',
    re: new RegExp(
      `(?:工号|员工号|员工编号|员工id|坐席号|座席号|坐席工号|座席工号|坐席编号|座席编号|客服编号|客服工号|${NB}(?:employee|staff|agent|emp|badge)\\s*(?:id|no\\.?|number|#))` +
        `\\s*(?:是|为|:|#|=)?\\s*[a-z]{0,4}-?\\d{2,10}${NA}`,
      'g',
    ),
  },
  { kind: 'employeeNumber', re: new RegExp(`${NB}(?:kf|emp|agent)-?\\d{3,8}${NA}`, 'g') },
  // Seats, desks, floors, rooms, buildings and street addresses.
  {
    kind: 'place',
    re: new RegExp(
      `(?:座位|工位|坐席位)号?\\s*(?:是|在|:)?\\s*[a-z]?-?\\d{1,4}(?:-\\d{1,3})?号?` +
        `|${NB}[a-z]?-?\\d{1,4}\\s*号?\\s*(?:座位|工位)` +
        `|${NB}(?:seat|desk|cubicle|workstation|pod)\\s*(?:no\\.?|number|#)?\\s*[a-z]?-?\\d{1,4}${NA}` +
        `|${NB}\\d{1,3}\\s*(?:楼|层)(?![梯道])|${NB}\\d{1,2}(?:st|nd|rd|th)\\s+floor|${NB}floor\\s+\\d{1,3}${NA}|${NB}\\d{1,3}f${NA}` +
        `|(?:会议室|房间)\\s*[a-z]?\\d{2,4}|${NB}\\d{3,4}\\s*(?:室|房间)|${NB}room\\s*[a-z]?-?\\d{2,4}${NA}` +
        `|${NB}\\d{1,3}\\s*(?:号楼|栋|幢|单元)` +
        `|[${HAN}]{2,4}(?:路|街|大道|巷|胡同)\\s*\\d{1,5}\\s*[号弄]` +
        `|${NB}\\d{1,5}\\s+[a-z]+(?:\\s[a-z]+)?\\s(?:street|st\\.|road|rd\\.|avenue|ave\\.|lane|drive|boulevard|blvd\\.)`,
      'g',
    ),
  },
  // Calendar dates.
  {
    kind: 'time',
    re: new RegExp(
      `${NB}(?:19|20)\\d{2}[-/.年]\\d{1,2}[-/.月]\\d{1,2}日?(?![0-9])` +
        `|${NB}\\d{1,2}月\\d{1,2}[日号]` +
        `|[${CN_NUM}]{1,3}月[${CN_NUM}]{1,3}[日号]` +
        `|${NB}${MONTH}\\.?\\s\\d{1,2}(?:st|nd|rd|th)?${NA}` +
        `|${NB}\\d{1,2}(?:st|nd|rd|th)?\\s(?:of\\s)?${MONTH}${NA}`,
      'g',
    ),
  },
  // Clock times with minutes (or a half/quarter hour).
  {
    kind: 'time',
    re: new RegExp(
      `(?:${CN_DAY}\\s*)?(?:${CN_PART}\\s*)?(?<![0-9])(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?(?![0-9])(?:\\s?(?:am|pm|a\\.m\\.|p\\.m\\.))?` +
        `|(?:${CN_DAY}\\s*)?(?:${CN_PART}\\s*)?(?:[${CN_NUM}]{1,3}|(?<![0-9])\\d{1,2})\\s*[点點时]\\s*(?:(?:[${CN_NUM}]{1,3}|\\d{1,2})\\s*分|半|一刻|三刻)`,
      'g',
    ),
    keep: (_m, before) => !DURATION_BEFORE.test(before),
  },
  // A named day with a part of it: 昨天下午, last Tuesday evening.
  {
    kind: 'time',
    re: new RegExp(`${CN_DAY}\\s*${CN_PART}|${NB}${EN_DAY}\\s+(?:morning|afternoon|evening|night|lunchtime)${NA}`, 'g'),
  },
  // An hour alone, only right after a named day: 昨天下午3点, yesterday at 3pm.
  {
    kind: 'time',
    re: new RegExp(
      `(?:[${CN_NUM}]{1,3}|(?<![0-9])\\d{1,2})\\s*[点點](?![0-9${CN_NUM}])|${NB}(?:at\\s+)?(?:1[0-2]|0?[1-9])\\s?(?:am|pm|a\\.m\\.|p\\.m\\.|o'clock)`,
      'g',
    ),
    keep: (_m, before) => NAMED_DAY_NEAR.test(before) || /(yesterday|today|tonight|day)\s*(at\s*)?$/.test(before),
  },
];

/** Escapes a string for use inside a RegExp. */
function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Patterns for the agent's own name(s), on folded text. */
function nameRules(names: readonly string[]): Rule[] {
  const alternatives = new Set<string>();
  for (const raw of names) {
    const name = foldText(raw.normalize('NFKC').trim().replace(/\s+/g, ' '));
    if (name.length < 2) continue;
    const han = [...name].every((ch) => new RegExp(`[${HAN}]`).test(ch));
    if (han) {
      alternatives.add(escapeRe(name));
      if (name.length >= 3) alternatives.add(escapeRe(name.slice(1)));
      const py = syllablesOf(name).filter(Boolean);
      if (py.length === name.length) {
        alternatives.add(`${NB}${py.map(escapeRe).join('\\s?')}${NA}`);
        if (py.length >= 3) alternatives.add(`${NB}${py.slice(1).map(escapeRe).join('\\s?')}${NA}`);
      }
    } else {
      alternatives.add(`${NB}${escapeRe(name).replace(/ /g, '\\s+')}${NA}`);
      for (const part of name.split(/[\s.-]+/)) if (part.length >= 3) alternatives.add(`${NB}${escapeRe(part)}${NA}`);
    }
  }
  if (alternatives.size === 0) return [];
  const sorted = [...alternatives].sort((a, b) => b.length - a.length);
  return [{ kind: 'ownName', re: new RegExp(sorted.join('|'), 'g') }];
}

/**
 * Finds possibly self-identifying content in `text`: phone numbers, e-mail addresses, ID,
 * employee and agent numbers, the agent's own name, very specific times and places. Findings are
 * sorted by position and never overlap (when two overlap, the one that starts first wins, then
 * the longer one, then the kind listed first in {@link WARNING_KINDS}).
 */
export function findIdentifyingContent(text: string, options: WarningOptions = {}): ContentFinding[] {
  const folded = foldText(text);
  const raw: ContentFinding[] = [];
  for (const rule of [...RULES, ...nameRules(options.ownNames ?? [])]) {
    for (const m of folded.matchAll(rule.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].trim() === '') continue;
      if (rule.keep && !rule.keep(m, folded.slice(Math.max(0, start - 16), start))) continue;
      raw.push({ kind: rule.kind, start, end, text: text.slice(start, end) });
    }
  }
  raw.sort(
    (a, b) => a.start - b.start || b.end - a.end || WARNING_KINDS.indexOf(a.kind) - WARNING_KINDS.indexOf(b.kind),
  );
  const out: ContentFinding[] = [];
  for (const f of raw) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) continue;
    out.push(trimFinding(f, text));
  }
  return out;
}

/** Drops white space at either end of a finding (patterns allow it around separators). */
function trimFinding(f: ContentFinding, text: string): ContentFinding {
  let { start, end } = f;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { ...f, start, end, text: text.slice(start, end) };
}

/** The kinds found, once each, in {@link WARNING_KINDS} order (for a summary line). */
export function findingKinds(findings: readonly ContentFinding[]): WarningKind[] {
  const kinds = new Set(findings.map((f) => f.kind));
  return WARNING_KINDS.filter((k) => kinds.has(k));
}
