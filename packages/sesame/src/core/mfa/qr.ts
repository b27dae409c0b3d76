/**
 * QR codes of `otpauth://` URIs, as SVG markup, through `qrcode`: its encoder and its SVG renderer only,
 * plain JavaScript without Node's `fs` or a canvas (the package's main entry needs one or the other), so a
 * QR code renders on any runtime.
 */
// @ts-expect-error -- qrcode's inner modules ship no types; their shape is declared below.
import * as encoder from "qrcode/lib/core/qrcode.js";
// @ts-expect-error -- as above.
import * as renderer from "qrcode/lib/renderer/svg-tag.js";

interface QrData {
  modules: { size: number; data: Uint8Array };
}
const { create } = encoder as { create(text: string, options: { errorCorrectionLevel: "L" | "M" | "Q" | "H" }): QrData };
const { render } = renderer as { render(data: QrData, options: { margin: number; width: number }): string };

/** The SVG of a QR code of `text` (error correction M, what authenticator apps scan reliably). */
export function qrSvg(text: string): string {
  return render(create(text, { errorCorrectionLevel: "M" }), { margin: 2, width: 200 });
}
