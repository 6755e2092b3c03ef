// CRC-32 of long byte runs without reading them: zlib's crc32_combine (polynomial arithmetic over GF(2)), so a test can
// know the CRC of 4 GiB of a repeated pattern from the CRC of one block, independently of the code that streamed it.
import { crc32 } from 'node:zlib';

const POLY = 0xedb88320;
const TOP = 0x80000000;

/** a * b modulo the CRC polynomial, both in zlib's reflected bit order. */
function multiplyModPoly(a: number, b: number): number {
  let product = 0;
  for (let bit = TOP; bit !== 0; bit >>>= 1) {
    if (a & bit) product ^= b;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}

/** x^(8 * bytes) modulo the polynomial, by squaring: what appending `bytes` zero bytes does to a CRC register. */
function shiftForBytes(bytes: number): number {
  // Bit k from the top stands for x^k: TOP is 1, TOP >>> 8 is x^8 (one byte).
  let result = TOP;
  let power = TOP >>> 8;
  for (let left = bytes; left > 0; left = Math.floor(left / 2)) {
    if (left % 2 === 1) result = multiplyModPoly(power, result);
    power = multiplyModPoly(power, power);
  }
  return result;
}

/** The CRC-32 of A followed by B, from crc(A), crc(B) and B's length (zlib's crc32_combine). */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModPoly(shiftForBytes(lengthB), crcA) ^ crcB) >>> 0;
}

/** The CRC-32 of `block` repeated until `size` bytes (the last copy cut short), reading `block` once. */
export function crc32OfRepeated(block: Buffer, size: number): number {
  const whole = Math.floor(size / block.length);
  let crc = 0;
  let doubled = crc32(block) >>> 0;
  let doubledLength = block.length;
  for (let count = whole; count > 0; count = Math.floor(count / 2)) {
    if (count % 2 === 1) crc = crc32Combine(crc, doubled, doubledLength);
    doubled = crc32Combine(doubled, doubled, doubledLength);
    doubledLength *= 2;
  }
  const rest = size - whole * block.length;
  return rest === 0 ? crc : crc32Combine(crc, crc32(block.subarray(0, rest)) >>> 0, rest);
}
