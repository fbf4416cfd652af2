/**
 * Real files of other kinds that clerks send by mistake (renamed to .xlsx):
 * a Word document, a PDF, a PNG picture — generated, not checked in.
 */
import { Document, Packer, Paragraph } from 'docx';
import { Resvg } from '@resvg/resvg-js';

export async function wordDocument(): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: [new Paragraph('关于报送2025年第三季度金融支持乡村振兴情况的说明')] }] });
  return Packer.toBuffer(doc);
}

/** A one-page PDF with a correct cross-reference table. */
export function pdfDocument(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 720 Td (Report) Tj ET\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export function pngPicture(): Buffer {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><rect width="64" height="32" fill="#c00"/></svg>';
  return Buffer.from(new Resvg(svg).render().asPng());
}
