// Reading a cached module zip, enough for dirhash.HashZip: when a .ziphash is missing or invalid
// but the .zip is cached, the go command re-hashes the zip offline and checks it against go.sum
// (modfetch hashZip), so the engine must be able to do the same. Stored and deflated entries;
// zip64 archives (over 4 GiB, beyond go's 500 MB module limit) are not read.

import * as zlib from 'node:zlib';
import type { FileSystem } from '../fsys/fsys';
import { hash1 } from './modcache';

export interface ZipEntryData {
  name: string;
  data: Buffer;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/** Where the end-of-central-directory record starts: it is last, followed by a comment of at
 * most 65535 bytes; -1 when there is none. */
function findEocd(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) if (zip.readUInt32LE(i) === EOCD_SIG) return i;
  return -1;
}

/** The entries of a zip in central-directory order, or a reason it cannot be read. */
export function readZipEntries(zip: Buffer): ZipEntryData[] | { error: string } {
  const eocd = findEocd(zip);
  if (eocd < 0) return { error: 'zip: not a valid zip file' };
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) return { error: 'zip: zip64 archives are not supported' };
  const out: ZipEntryData[] = [];
  try {
    for (let k = 0; k < count; k++) {
      if (zip.readUInt32LE(p) !== CENTRAL_SIG) return { error: 'zip: not a valid zip file' };
      const method = zip.readUInt16LE(p + 10);
      const compressedSize = zip.readUInt32LE(p + 20);
      const nameLen = zip.readUInt16LE(p + 28);
      const extraLen = zip.readUInt16LE(p + 30);
      const commentLen = zip.readUInt16LE(p + 32);
      const localOffset = zip.readUInt32LE(p + 42);
      const name = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
      p += 46 + nameLen + extraLen + commentLen;
      if (zip.readUInt32LE(localOffset) !== LOCAL_SIG) return { error: `zip: bad local header for ${name}` };
      const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const raw = zip.subarray(start, start + compressedSize);
      if (method === 0) out.push({ name, data: Buffer.from(raw) });
      else if (method === 8) out.push({ name, data: zlib.inflateRawSync(raw) });
      else return { error: `zip: unsupported compression algorithm ${method} for ${name}` };
    }
  } catch (e) {
    return { error: `zip: ${(e as Error).message}` };
  }
  return out;
}

/** The entry names of a zip (its central directory only: nothing is inflated), or undefined when
 * it cannot be read. Enough to tell which directories of a module version hold Go files. */
export function readZipNames(zip: Buffer): string[] | undefined {
  const eocd = findEocd(zip);
  if (eocd < 0) return undefined;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) return undefined;
  const out: string[] = [];
  try {
    for (let k = 0; k < count; k++) {
      if (zip.readUInt32LE(p) !== CENTRAL_SIG) return undefined;
      const nameLen = zip.readUInt16LE(p + 28);
      out.push(zip.subarray(p + 46, p + 46 + nameLen).toString('utf8'));
      p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    }
  } catch {
    return undefined;
  }
  return out;
}

/** dirhash.HashZip: the h1 hash of a module zip's entries (named "<path>@<version>/..."); '' when unreadable. */
export function hashZip(fs: FileSystem, zipFile: string): string {
  const buf = fs.readBytes(zipFile);
  if (!buf) return '';
  const entries = readZipEntries(buf);
  if (!Array.isArray(entries) || entries.some((e) => e.name.includes('\n'))) return '';
  return hash1(entries);
}
