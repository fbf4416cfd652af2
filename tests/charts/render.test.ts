import { describe, expect, it } from 'vitest';
import { chainQuarterlyOption } from '../../src/domain/charts/chain';
import { renderPng, renderSvg, resolveSize } from '../../src/services/charts/render';
import type { RasterImage } from '../../src/services/charts/render';
import { pngSize } from './zip';

const points = ['2025Q1', '2025Q2', '2025Q3'].map((quarter, i) => ({ quarter, balance: 12_345.67 * (i + 1), ytd: 4_000 * (i + 1) }));
const option = (chainName: string) => chainQuarterlyOption({ regionName: '安康市', quarter: '2025Q3', chainName, points });

/** Dark pixels (luminance < 128) in a band of rows, across the middle 60% of the width. */
function darkPixels(img: RasterImage, fromRow: number, toRow: number): number {
  let n = 0;
  for (let y = fromRow; y < toRow; y++) {
    for (let x = Math.floor(img.width * 0.2); x < Math.floor(img.width * 0.8); x++) {
      const i = (y * img.width + x) * 4;
      const lum = 0.299 * (img.pixels[i] ?? 255) + 0.587 * (img.pixels[i + 1] ?? 255) + 0.114 * (img.pixels[i + 2] ?? 255);
      if (lum < 128) n++;
    }
  }
  return n;
}

function differingPixels(a: RasterImage, b: RasterImage, fromRow: number, toRow: number): number {
  let n = 0;
  for (let i = fromRow * a.width * 4; i < toRow * a.width * 4; i++) if (a.pixels[i] !== b.pixels[i]) n++;
  return n;
}

describe('headless chart export', () => {
  it('prints 15.5 cm at 300 dpi as 1831 pixels wide, and other sizes on request', () => {
    const img = renderPng(option('富硒茶'));
    expect(img.width).toBe(1831);
    expect(img.height).toBe(resolveSize().pixelHeight);
    expect(img.height).toBe(1134); // 586 × 363 layout px scaled to 1831 px
    expect(pngSize(img.png)).toEqual({ width: 1831, height: img.height });
    const small = renderPng(option('富硒茶'), { widthCm: 10, dpi: 200 });
    expect(small.width).toBe(787); // 10 / 2.54 × 200
    expect(resolveSize({ widthCm: 8, dpi: 96 }).pixelWidth).toBe(302);
    expect(() => resolveSize({ dpi: 20 })).toThrow(/分辨率/);
  });

  it('draws the Chinese title with real glyphs from the bundled font', () => {
    const titleRows = [0, Math.round(1831 * 0.62 * 0.08)] as const;
    const tea = renderPng(option('富硒茶'));
    const konjac = renderPng(option('魔芋花'));
    const blank = renderPng({ ...option('富硒茶'), title: [{ text: '' }] });
    expect(darkPixels(tea, ...titleRows)).toBeGreaterThan(2000);
    expect(darkPixels(blank, ...titleRows)).toBe(0);
    // Missing glyphs would draw the same empty boxes for any characters; real glyphs differ.
    expect(differingPixels(tea, konjac, ...titleRows)).toBeGreaterThan(1000);
  });

  it('writes an SVG naming the bundled font, with no animation', () => {
    const svg = renderSvg({ ...option('富硒茶'), animation: true });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('font-family:Noto Sans CJK SC');
    expect(svg).toContain('富硒茶产业链贷款余额与当年累放');
    expect(svg).not.toMatch(/<animate/);
  });
});
