import Foundation

extension PlacementDocument {
  /// Writes the document by hand, keys in sorted order: the Codable path builds a tree of
  /// every value first, which for 10,000 domains (~100 MB) takes seconds. A test checks
  /// both paths write the same bytes.
  func fastJSON() throws -> Data {
    var data = Data()
    try Self.write(rubric: rubric, count: domains.count, to: { data.append($0) }) { [domains] in
      try domains[$0].write(&$1)
    }
    return data
  }

  /// The bytes of `json(rubric:placed:)`, handed to `sink` a piece at a time in order, so
  /// that a large document goes to a file or a pipe without being held whole. Each
  /// domain's report is built, written and dropped on one of the cores; the memory is that
  /// of a batch of domains, not of the document.
  public static func write(rubric: Rubric, placed: [PlacedDomain], to sink: (Data) throws -> Void) throws {
    try write(rubric: RubricInfo(rubric), count: placed.count, to: sink) { try DomainReport(placed[$0]).write(&$1) }
  }

  /// Domains written between two calls of the sink.
  static let batch = 2_048

  /// The frame of the document, with the domains written as fragments in parallel, a batch
  /// at a time (each fragment depends only on its index, so the bytes do not depend on the
  /// number of threads or the batch size).
  private static func write(
    rubric: RubricInfo, count: Int, to sink: (Data) throws -> Void,
    domain: @escaping @Sendable (Int, inout JSONWriter) throws -> Void
  ) throws {
    var w = JSONWriter(capacity: 12_288 * min(count + 1, batch))
    w.beginObject()
    w.key("domains")
    w.beginArray()
    let depth = w.indent
    let workers = count > 64 ? ProcessInfo.processInfo.activeProcessorCount : 1
    for start in stride(from: 0, to: count, by: batch) {
      let end = min(count, start + batch)
      // Chunks of consecutive domains, several per core so that uneven domains even out.
      let chunk = max(1, (end - start) / (workers * 8))
      let chunks = (end - start + chunk - 1) / chunk
      let fragments: [Result<[[UInt8]], any Error>] = parallelMap(count: chunks, workers: workers) { c in
        Result {
          try (start + c * chunk..<min(end, start + (c + 1) * chunk)).map { i in
            var f = JSONWriter(capacity: 12_288, indent: depth)
            try domain(i, &f)
            return f.out
          }
        }
      }
      for result in fragments {
        for bytes in try result.get() {
          w.element()
          w.fragment(bytes)
        }
      }
      try sink(w.take())
    }
    w.endArray()
    w.key("rubric")
    w.beginObject()
    w.key("countries")
    w.strings(rubric.countries)
    w.key("thresholds")
    writeThresholds(rubric.thresholds, &w)
    w.key("version")
    w.string(rubric.version)
    w.endObject()
    w.endObject()
    try sink(w.take())
  }

  private static func writeThresholds(_ t: Thresholds, _ w: inout JSONWriter) {
    w.beginObject()
    w.key("gains")
    w.number(t.gains)
    w.key("margin")
    w.number(t.margin)
    w.key("risk")
    w.number(t.risk)
    w.endObject()
  }
}

extension DomainReport {
  func write(_ w: inout JSONWriter) throws {
    w.beginObject()
    w.key("assessments")
    w.number(assessments)
    w.optionalKey("assessor", assessor)
    if let assessorsPooled {
      w.key("assessors_pooled")
      w.strings(assessorsPooled)
    }
    w.key("borderline")
    w.bool(borderline)
    w.key("borderline_axes")
    w.strings(borderlineAxes.map(\.rawValue))
    w.optionalKey("confidence", confidence)
    w.key("contributions")
    w.beginObject()
    for key in contributions.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      w.key(key)
      contributions[key]!.write(&w)
    }
    w.endObject()
    w.optionalKey("date", date?.description)
    w.key("gains")
    w.number(gains)
    if let gainsInterval {
      w.key("gains_interval")
      w.numbers(gainsInterval)
    }
    w.key("gains_range")
    w.numbers(gainsRange)
    w.key("id")
    w.string(id)
    if let importance {
      w.key("importance")
      try w.encodable(importance)
    }
    w.key("links")
    w.beginArray()
    for link in links {
      w.element()
      w.beginObject()
      w.key("kind")
      w.string(link.kind)
      w.optionalKey("rationale", link.rationale)
      w.key("target")
      w.string(link.target)
      w.key("weight")
      w.number(link.weight)
      w.endObject()
    }
    w.endArray()
    w.key("missing")
    w.strings(missing.map(\.rawValue))
    w.optionalKey("most_likely", mostLikely?.rawValue)
    w.key("name")
    w.string(name)
    w.optionalKey("pooling", pooling?.rawValue)
    if let probabilities {
      w.key("probabilities")
      w.beginObject()
      for q in probabilities.keys.sorted(by: { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }) {
        w.key(q.rawValue)
        w.number(probabilities[q]!)
      }
      w.endObject()
    }
    w.key("quadrant")
    w.string(quadrant.rawValue)
    w.key("risk")
    w.number(risk)
    w.key("risk_breakdown")
    w.beginObject()
    w.key("floor")
    w.number(riskBreakdown.floor)
    w.optionalKey("floor_criterion", riskBreakdown.floorCriterion?.rawValue)
    w.key("mean")
    w.number(riskBreakdown.mean)
    w.key("mitigated")
    w.number(riskBreakdown.mitigated)
    w.key("mitigation")
    w.number(riskBreakdown.mitigation)
    w.key("peak")
    w.number(riskBreakdown.peak)
    w.key("unmitigated")
    w.number(riskBreakdown.unmitigated)
    w.endObject()
    if let riskInterval {
      w.key("risk_interval")
      w.numbers(riskInterval)
    }
    w.key("risk_range")
    w.numbers(riskRange)
    if let samples {
      w.key("samples")
      w.number(samples)
    }
    w.optionalKey("source", source)
    w.key("strategy")
    strategy.write(&w)
    w.key("tags")
    w.strings(tags)
    if let viability {
      w.key("viability")
      try w.encodable(viability)
    }
    w.endObject()
  }
}

extension DomainReport.CriterionEntry {
  func write(_ w: inout JSONWriter) {
    w.beginObject()
    w.key("axis")
    w.string(axis.rawValue)
    w.key("contribution")
    w.number(contribution)
    w.key("evidence")
    w.strings(evidence)
    w.key("floor")
    w.bool(floor)
    w.optionalKey("high", high)
    w.optionalKey("low", low)
    w.key("peak")
    w.bool(peak)
    w.optionalKey("rationale", rationale)
    w.optionalKey("score", score)
    w.key("weight")
    w.number(weight)
    w.endObject()
  }
}

extension Precedent {
  func write(_ w: inout JSONWriter) {
    w.beginObject()
    w.key("example")
    w.string(example)
    w.key("passage")
    w.string(passage)
    w.endObject()
  }
}

extension Strategy {
  func write(_ w: inout JSONWriter) {
    w.beginObject()
    w.key("actions")
    w.beginArray()
    for action in actions {
      w.element()
      w.beginObject()
      w.key("because")
      w.beginArray()
      for reason in action.because {
        w.element()
        w.beginObject()
        w.optionalKey("criterion", reason.criterion?.rawValue)
        w.optionalKey("score", reason.score)
        w.key("text")
        w.string(reason.text)
        w.endObject()
      }
      w.endArray()
      w.key("detail")
      w.string(action.detail)
      w.key("id")
      w.string(action.id)
      w.key("precedent")
      action.precedent.write(&w)
      w.key("title")
      w.string(action.title)
      w.endObject()
    }
    w.endArray()
    w.key("stance")
    w.beginObject()
    w.key("headline")
    w.string(stance.headline)
    w.key("precedent")
    stance.precedent.write(&w)
    w.key("quadrant")
    w.string(stance.quadrant.rawValue)
    w.key("summary")
    w.string(stance.summary)
    w.endObject()
    w.endObject()
  }
}
