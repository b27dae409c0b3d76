/** QR codes of `otpauth://` URIs, as SVG markup, through `qrcode` (its encoder and SVG renderer only). */
import { create } from "qrcode/lib/core/qrcode.js";
import { render } from "qrcode/lib/renderer/svg-tag.js";

/** The SVG of a QR code of `text` (error correction M, what authenticator apps scan reliably). */
export function qrSvg(text: string): string {
  return render(create(text, { errorCorrectionLevel: "M" }), { margin: 2, width: 200 });
}
