// Vietnamese number formats of the SPA, recomputed from raw API values for assertions.
// Rounding is half-to-even, as rust_decimal's round_dp.

function roundHalfEven(n, d) { // BigInt n / BigInt d, to the nearest, ties to even
  const q = n / d;
  const r = n % d;
  if (r * 2n > d || (r * 2n === d && q % 2n === 1n)) return q + 1n;
  return q;
}

function group(int, frac, lang) {
  const [th, dec] = lang === 'en' ? [',', '.'] : ['.', ','];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, th);
  return frac ? `${grouped}${dec}${frac}` : grouped;
}

/** Whole đồng (digit string) → "88.656,1 tỷ đồng" / "88,656.1 billion VND". */
export function billions(dong, lang = 'vi') {
  const tenths = roundHalfEven(BigInt(dong), 100_000_000n);
  const int = (tenths / 10n).toString();
  const f = (tenths % 10n).toString();
  const n = group(int, f === '0' ? '' : f, lang);
  return lang === 'en' ? `${n} billion VND` : `${n} tỷ đồng`;
}

/** Decimal string → "68,6%" (at most one decimal). */
export function pct1(decimal, lang = 'vi') {
  const [i, f = ''] = decimal.split('.');
  const hundredths = BigInt(i + (f + '00').slice(0, 2));
  const tenths = roundHalfEven(hundredths, 10n);
  const int = (tenths / 10n).toString();
  const d = (tenths % 10n).toString();
  return `${group(int, d === '0' ? '' : d, lang)}%`;
}

/** Digits of a displayed count ("1.234" → 1234). */
export function parseCount(text) {
  return Number(text.replace(/[^\d]/g, ''));
}
