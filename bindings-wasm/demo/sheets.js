// Spreadsheet files in the browser, with no library: a minimal XLSX reader (the first
// worksheet's cells as text) and CSV reading/writing.
//
// The WASM package is built without the core's `xlsx` feature (calamine and zip would add about
// 120 KB gzipped to a module that must stay under 450 KB), so the page reads an .xlsx here: the
// ZIP container is unpacked with the browser's own `DecompressionStream('deflate-raw')`, the
// sheet XML with `DOMParser`, and the grid is handed to the core as CSV text
// (`Community.importRosterCsv`), which then checks every cell exactly as it checks a CSV file.

/** Reads the entries of a ZIP archive (central directory; stored or deflated). */
async function unzip(bytes) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i -= 1) {
    if (dv.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw sheetError('不是有效的 Excel（.xlsx）文件：找不到 ZIP 目录。');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const files = new Map();
  const dec = new TextDecoder();
  for (let k = 0; k < count; k += 1) {
    if (dv.getUint32(p, true) !== 0x02014b50) throw sheetError('Excel 文件已损坏（ZIP 目录）。');
    const method = dv.getUint16(p + 10, true);
    const size = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extra = dv.getUint16(p + 30, true);
    const comment = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const name = dec.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    files.set(name, { method, size, local });
    p += 46 + nameLen + extra + comment;
  }
  return {
    has: (name) => files.has(name),
    async text(name) {
      const f = files.get(name);
      if (!f) return null;
      const start = f.local + 30 + dv.getUint16(f.local + 26, true) + dv.getUint16(f.local + 28, true);
      const raw = bytes.subarray(start, start + f.size);
      if (f.method === 0) return dec.decode(raw);
      if (f.method !== 8) throw sheetError('Excel 文件使用了不支持的压缩方式。');
      const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      return new Response(stream).text();
    },
  };
}

function sheetError(message) {
  return Object.assign(new Error(message), { code: 'unreadable', zh: message });
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Column index of a cell reference such as `AB12`. */
function columnOf(ref) {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** A day serial of the workbook's date system as `YYYY-MM-DD`. */
function serialDate(v, date1904) {
  const days = Math.floor(v) + (date1904 ? 1462 : 0);
  const d = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/**
 * The cells of the first worksheet of an `.xlsx` file as rows of text (dates as `YYYY-MM-DD`,
 * whole numbers without a decimal point). Formula cells give their cached value.
 */
export async function readXlsx(bytes) {
  const zip = await unzip(bytes);
  const parse = (t) => new DOMParser().parseFromString(t, 'application/xml');
  const wbText = await zip.text('xl/workbook.xml');
  if (!wbText) throw sheetError('不是有效的 Excel（.xlsx）文件：缺少 workbook.xml。');
  const wb = parse(wbText);
  const date1904 = ['1', 'true'].includes(wb.getElementsByTagName('workbookPr')[0]?.getAttribute('date1904') ?? '');
  // The first visible sheet, through the workbook's relationships.
  const sheets = [...wb.getElementsByTagName('sheet')];
  const sheet = sheets.find((s) => (s.getAttribute('state') ?? 'visible') === 'visible') ?? sheets[0];
  if (!sheet) throw sheetError('Excel 文件中没有工作表。');
  const rid = sheet.getAttribute('r:id') ?? sheet.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id');
  const rels = parse((await zip.text('xl/_rels/workbook.xml.rels')) ?? '<Relationships/>');
  let target = [...rels.getElementsByTagName('Relationship')].find((r) => r.getAttribute('Id') === rid)?.getAttribute('Target') ?? 'worksheets/sheet1.xml';
  target = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const shared = [];
  const sst = await zip.text('xl/sharedStrings.xml');
  if (sst) {
    for (const si of parse(sst).getElementsByTagName('si')) {
      shared.push([...si.getElementsByTagName('t')].map((t) => t.textContent).join(''));
    }
  }
  // Styles: which cell formats are dates.
  const dateStyle = [];
  const stylesText = await zip.text('xl/styles.xml');
  if (stylesText) {
    const st = parse(stylesText);
    const custom = new Map([...st.getElementsByTagName('numFmt')].map((f) => [Number(f.getAttribute('numFmtId')), f.getAttribute('formatCode') ?? '']));
    const xfs = st.getElementsByTagName('cellXfs')[0];
    for (const xf of xfs ? xfs.getElementsByTagName('xf') : []) {
      const id = Number(xf.getAttribute('numFmtId') ?? 0);
      const code = (custom.get(id) ?? '').replace(/\[[^\]]*\]|"[^"]*"|\\./g, '');
      dateStyle.push(BUILTIN_DATE_FORMATS.has(id) || /[yd]/i.test(code) || (/m/i.test(code) && !/[h:s0#]/i.test(code)));
    }
  }
  const wsText = await zip.text(target);
  if (!wsText) throw sheetError('Excel 文件中找不到第一个工作表。');
  const rows = [];
  for (const row of parse(wsText).getElementsByTagName('row')) {
    const r = Number(row.getAttribute('r') ?? rows.length + 1) - 1;
    const out = [];
    for (const c of row.getElementsByTagName('c')) {
      const col = columnOf(c.getAttribute('r') ?? '');
      const t = c.getAttribute('t') ?? 'n';
      const v = c.getElementsByTagName('v')[0]?.textContent ?? '';
      let text;
      if (t === 's') text = shared[Number(v)] ?? '';
      else if (t === 'inlineStr') text = [...c.getElementsByTagName('t')].map((x) => x.textContent).join('');
      else if (t === 'b') text = v === '1' ? '是' : '否';
      else if (t === 'str' || t === 'e' || t === 'd') text = v;
      else if (v === '') text = '';
      else if (dateStyle[Number(c.getAttribute('s') ?? 0)]) text = serialDate(Number(v), date1904);
      else text = String(Number(v));
      out[col < 0 ? out.length : col] = text;
    }
    rows[r] = Array.from(out, (x) => x ?? '');
  }
  return Array.from(rows, (x) => x ?? []);
}

/** Reads CSV text (RFC 4180 quoting; a BOM is dropped) as rows of text. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i += 1; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i += 1;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** Decodes the bytes of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030. */
export function decodeText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Rows as CSV text (every cell quoted when needed), with a BOM so that Excel reads UTF-8. */
export function toCsv(rows) {
  const q = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(q).join(',')).join('\r\n')}\r\n`;
}

/** Whether the bytes are a ZIP archive (an .xlsx) rather than text. */
export function isZip(bytes) {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Whether the bytes are an Excel 97–2003 compound file (.xls). */
export function isXls(bytes) {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** The rows of a spreadsheet file's bytes: .xlsx or CSV (.xls is refused with advice). */
export async function readRows(bytes) {
  if (isZip(bytes)) return readXlsx(bytes);
  if (isXls(bytes)) throw sheetError('这是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV 后再导入。');
  return parseCsv(decodeText(bytes));
}

// ---------------------------------------------------------------- writing .xlsx
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP archive of `files` ([name, text]) stored without compression. */
function zipStore(files) {
  const enc = new TextEncoder();
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of files) {
    const n = enc.encode(name);
    const data = enc.encode(text);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0800, true); // UTF-8 names
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, n.length, true);
    parts.push(new Uint8Array(local.buffer), n, data);
    const c = new DataView(new ArrayBuffer(46));
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, 0x0800, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, data.length, true);
    c.setUint32(24, data.length, true);
    c.setUint16(28, n.length, true);
    c.setUint32(42, offset, true);
    central.push(new Uint8Array(c.buffer), n);
    offset += 30 + n.length + data.length;
  }
  const size = central.reduce((a, p) => a + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of all) { out.set(p, at); at += p.length; }
  return out;
}

const xml = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]))
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** Rows as an Excel workbook (.xlsx) of one sheet: numbers as numbers, everything else as text. */
export function toXlsx(rows, sheetName = 'Sheet1') {
  const col = (j) => { let s = ''; for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s; return s; };
  const body = rows.map((r, i) => `<row r="${i + 1}">${r.map((v, j) => {
    const ref = `${col(j)}${i + 1}`;
    if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}"><v>${v}</v></c>`;
    if (v === null || v === undefined || v === '') return '';
    return `<c r="${ref}" t="inlineStr"${i === 0 ? ' s="1"' : ''}><is><t xml:space="preserve">${xml(v)}</t></is></c>`;
  }).join('')}</row>`).join('');
  const ns = 'http://schemas.openxmlformats.org';
  return zipStore([
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="${xml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`],
    ['xl/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${ns}/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>`],
    ['xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>${body}</sheetData></worksheet>`],
  ]);
}
