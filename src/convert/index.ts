/** Value conversion for data copies: the compiler's type decisions applied to values. */
export { ConversionError, byteaText, convertValue, doubleText, tryConvertValue, type ConvertColumn, type PgText } from './convert-value.js';
export { convertColumn, rowConverter, type RowConverter, type RowConverterOptions } from './row-converter.js';
export { dateTimeNumberKind, type DateTimeNumberKind } from './datetime.js';
