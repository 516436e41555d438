/** Value conversion for data copies: the compiler's type decisions applied to values. */
export { ConversionError, byteaText, convertValue, doubleText, tryConvertValue, type ConvertColumn, type PgText } from './convert-value.js';
export { convertColumn, rowConverter, type RowConverter } from './row-converter.js';
