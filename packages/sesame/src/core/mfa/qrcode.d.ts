/**
 * The two modules of `qrcode` Sesame uses: the encoder and the SVG renderer, plain JavaScript without
 * Node's `fs` or a canvas (its main entry needs one or the other), so a QR code renders on any runtime.
 */
declare module "qrcode/lib/core/qrcode.js" {
  export interface QRCodeData {
    modules: { size: number; data: Uint8Array };
  }
  export function create(text: string, options?: { errorCorrectionLevel?: "L" | "M" | "Q" | "H" }): QRCodeData;
}

declare module "qrcode/lib/renderer/svg-tag.js" {
  import type { QRCodeData } from "qrcode/lib/core/qrcode.js";
  export function render(data: QRCodeData, options?: { margin?: number; width?: number }): string;
}
