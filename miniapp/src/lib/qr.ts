/** A QR code as a PNG data URL (the qrcode package is loaded with the screens that draw one only). */
export async function qrDataUrl(text: string): Promise<string> {
  const { toDataURL } = await import("qrcode");
  return toDataURL(text, { errorCorrectionLevel: "M", margin: 2, width: 480, color: { dark: "#000000", light: "#ffffff" } });
}
