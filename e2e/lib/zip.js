// Reads one entry of a ZIP archive (a DOCX or XLSX download) without a dependency: the end
// of central directory record, the central directory, then the entry's local header.
import zlib from 'node:zlib';

export function isZip(buf) {
  return buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

/** The names of the entries. */
export function entries(buf) {
  return centralDirectory(buf).map((e) => e.name);
}

/** The text of entry `name` (UTF-8), or null when the archive has no such entry. */
export function readEntry(buf, name) {
  const e = centralDirectory(buf).find((x) => x.name === name);
  if (!e) return null;
  const off = e.localOffset;
  if (buf.readUInt32LE(off) !== 0x04034b50) throw new Error('bad local header');
  const start = off + 30 + buf.readUInt16LE(off + 26) + buf.readUInt16LE(off + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  const raw = e.method === 0 ? data : zlib.inflateRawSync(data);
  return raw.toString('utf8');
}

function centralDirectory(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let k = 0; k < count; k++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    out.push({ name, method, compressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
