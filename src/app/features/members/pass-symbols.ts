/**
 * The two symbols printed on a pass, as SVG: Code 128 (USB laser/CCD scanners cannot read QR) and
 * QR (webcams read it far more reliably), both of the pass number. Only the two encoders and the
 * SVG drawing are imported, and only from the lazily loaded print sheet, so bwip-js stays out of
 * the desk's start-up bundle.
 */
import { code128, drawingSVG, qrcode } from 'bwip-js/browser';

export type PassSymbols = { code128: string; qr: string };

export function drawPassSymbols(code: string): PassSymbols {
  // Digits only (validated when the pass was issued): Code 128 picks set C, half as wide.
  return {
    // Stretched to the printed box: a 1D symbol stays valid when scaled along x and y apart,
    // and a wider module reads better from a distance.
    code128: code128(
      { bcid: 'code128', text: code, height: 10, scale: 2, paddingwidth: 10, paddingheight: 0 },
      drawingSVG(),
    ).replace('<svg ', '<svg preserveAspectRatio="none" '),
    qr: qrcode(
      { bcid: 'qrcode', text: code, scale: 2, paddingwidth: 4, paddingheight: 4 },
      drawingSVG(),
    ),
  };
}
