import type { Translate } from '@/utils/i18n';
import type { CustomOtherCode } from '@/utils/settings';
import { BUILTIN_OTHER_CODES, type LedgerState } from '@/utils/time/states';

/** The label of a state as the agent reads it: `Training` for other:training, else the state's name. */
export function stateLabel(
  t: Translate,
  value: { state: LedgerState; code?: string | undefined },
  customCodes: readonly CustomOtherCode[] = [],
): string {
  if (value.state !== 'other' || !value.code) return t(`states.${value.state}`);
  return codeLabel(t, value.code, customCodes);
}

/** The label of an `other` code (built-in codes are translated; the agent's own carry their label). */
export function codeLabel(t: Translate, code: string, customCodes: readonly CustomOtherCode[] = []): string {
  if ((BUILTIN_OTHER_CODES as readonly string[]).includes(code))
    return t(`states.codes.${code.replace(/-/g, '_') as 'training'}`);
  return customCodes.find((c) => c.id === code)?.label ?? code;
}

/** Every `other` code the agent can pick: built-in ones, then their own. */
export function allOtherCodes(customCodes: readonly CustomOtherCode[]): string[] {
  return [...BUILTIN_OTHER_CODES, ...customCodes.map((c) => c.id)];
}
