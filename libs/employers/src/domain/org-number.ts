const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** Norwegian organisation number: 9 digits, the last a mod-11 check digit (Brønnøysund rules). */
export function isValidOrgNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === Number(value[8]);
}

/** Accepts "974 760 673" or "974760673"; returns the 9 digits. */
export function normaliseOrgNumber(value: string): string {
  return value.replace(/[\s.]/g, '');
}

/** Appends the check digit to 8 digits, or returns null when no valid digit exists (used by the demo data). */
export function withCheckDigit(first8: string): string | null {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first8[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check === 10 ? null : `${first8}${check}`;
}
