import Foundation

/// The fonts the charts name.
///
/// Every chart names Helvetica and the fonts that share its widths first, since
/// ``TextMetrics`` measures Latin text with Helvetica's advances. A chart that holds East
/// Asian text (``TextMetrics/isWide(_:)``: Chinese, Japanese, Korean) also names fonts that
/// cover it, before the generic `sans-serif`, so that the viewer does not fall back to
/// whatever it finds (or to boxes): Noto Sans CJK SC (Debian's `fonts-noto-cjk`), the same
/// design as Source Han Sans SC, then the system fonts of macOS and Windows, then
/// WenQuanYi Micro Hei (Debian's `fonts-wqy-microhei`). Latin letters in such a chart still
/// come from the first fonts; each missing glyph from the first CJK font that has it.
/// A chart without such text keeps the stack it always had, byte for byte.
enum ChartFont {
  /// The CJK families added before `sans-serif`, quoted as an SVG attribute holds them.
  static let cjkFamilies =
    "&#39;Noto Sans CJK SC&#39;, &#39;Source Han Sans SC&#39;, &#39;PingFang SC&#39;, "
    + "&#39;Microsoft YaHei&#39;, &#39;WenQuanYi Micro Hei&#39;, "

  /// `svg` with the CJK fonts in each `font-family` that ends in `sans-serif`, when its text
  /// has a wide character; otherwise `svg` itself.
  static func adapted(_ svg: String) -> String {
    guard svg.unicodeScalars.contains(where: TextMetrics.isWide) else { return svg }
    let marker = "font-family=\""
    var out = ""
    out.reserveCapacity(svg.utf8.count + 256)
    var rest = svg[...]
    while let start = rest.range(of: marker) {
      out += rest[..<start.upperBound]
      rest = rest[start.upperBound...]
      guard let end = rest.firstIndex(of: "\"") else { break }
      let value = rest[..<end]
      if value.hasSuffix("sans-serif"), !value.contains("CJK") {
        out += value.dropLast("sans-serif".count) + cjkFamilies + "sans-serif"
      } else {
        out += value
      }
      rest = rest[end...]
    }
    out += rest
    return out
  }
}
