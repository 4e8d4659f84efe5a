// Personal data in crawled posts is masked before it is stored (《个人信息保护法》; 《网络数据安全管理条例》
// Art. 24). Masks keep enough to read the text naturally ("138****1234") while leaving no digits
// that could identify anyone: a mobile number keeps its carrier prefix and last four only; an ID
// number keeps none of its digits at all, because its first six (birthplace) and last four together
// with a name narrow a person down far too much.

// Digits embedded in longer digit runs (order numbers, bank accounts) are not phone numbers, so the
// patterns require a non-digit (or an edge) on both sides. Full-width digits are folded first.
const FULLWIDTH_DIGIT = /[０-９]/g;

/** 18-digit 身份证 (last may be X) and the old 15-digit form, optionally with spaces/dashes in groups. */
const ID_CARD_18 = /(?<![0-9A-Za-z])[1-9]\d{5}[\s-]?(?:18|19|20)\d{2}[\s-]?(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[\s-]?\d{3}[\dXx](?![0-9A-Za-z])/g;
const ID_CARD_15 = /(?<![0-9A-Za-z])[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/g;
/** Mainland mobile numbers, also written +86 138 1234 5678 or 138-1234-5678. */
const MOBILE = /(?<!\d)(?:(?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;
/** Landlines with an area code: 0818-2123456, (0818)2123456, 0818 2123456. */
const LANDLINE = /(?<!\d)(\(0\d{2,3}\)|0\d{2,3})([\s-]?)\d{5,6}(\d{2})(?!\d)/g;

export const ID_MASK = '******************';

export function maskPersonalData(text: string): string {
  if (!text) return text;
  return text
    .replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(ID_CARD_18, ID_MASK)
    .replace(ID_CARD_15, ID_MASK.slice(0, 15))
    .replace(MOBILE, (_m, prefix: string, _middle: string, last: string) => `${prefix}****${last}`)
    .replace(LANDLINE, (_m, area: string, separator: string, last: string) => `${area}${separator}*****${last}`);
}
