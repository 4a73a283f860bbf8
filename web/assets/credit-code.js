// Unified social credit code (统一社会信用代码, GB 32100-2015): a hint for
// the person typing. The server makes the decision.

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// The check character for the first 17 characters, or null if one of them
// is outside the code's alphabet.
export function creditCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return CHARS[(31 - (sum % 31)) % 31];
}

// '' when code looks right, otherwise a short Chinese explanation.
export function creditCodeWarning(code) {
  if (!code) return '';
  if (code.length !== 18) return `应为18位，当前${code.length}位`;
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return '只能由数字和大写字母组成（不含 I、O、S、V、Z）';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '第3至8位应为登记管理机关行政区划码（数字）';
  if (creditCheckChar(code) !== code[17]) return '校验位似乎不正确，请核对';
  return '';
}
