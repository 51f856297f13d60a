import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing

@testable import SafeZonesCharts

/// The map in another language: its words come from the catalogues, English stays byte for
/// byte what it was, Chinese text is measured a full em per character, wraps between
/// characters and names fonts that cover it.
@Suite("Map text")
struct MapTextTests {
  /// The essay's domains under Chinese names, as a translated knowledge base would give them.
  static let chinesePoints: [MapPoint] = [
    MapPoint(id: "radio-astronomy", label: "射电天文学", gains: 0.78, risk: 0.12, quadrant: .safeZone),
    MapPoint(
      id: "gravitational-waves", label: "引力波", gains: 0.84, risk: 0.18, gainsRange: 0.7...0.93,
      riskRange: 0.08...0.33, quadrant: .safeZone),
    MapPoint(id: "carbon-capture", label: "碳捕集与封存", gains: 0.74, risk: 0.62, quadrant: .politicalEngineering),
    MapPoint(id: "artificial-intelligence", label: "人工智能", gains: 0.7, risk: 0.85, quadrant: .politicalEngineering),
    MapPoint(id: "missile-guidance", label: "导弹制导", gains: 0.2, risk: 0.92, quadrant: .monitor),
    MapPoint(
      id: "telecommunications-equipment", label: "电信设备", gains: 0.3, risk: 0.7, riskRange: 0.6...0.8,
      quadrant: .monitor),
    MapPoint(id: "wind-energy", label: "风能", gains: 0.3, risk: 0.2, quadrant: .traditional),
    MapPoint(id: "ppe", label: "个人防护装备与呼吸机", gains: 0.42, risk: 0.35, quadrant: .traditional),
    MapPoint(
      id: "lithium-batteries", label: "锂基电池", gains: 0.53, risk: 0.54, quadrant: .politicalEngineering,
      borderline: true),
    MapPoint(
      id: "terahertz", label: "面向下一代通信网络的太赫兹与毫米波射频前端器件（含封装）", gains: 0.62, risk: 0.3,
      gainsRange: 0.55...0.7, quadrant: .safeZone, group: .user),
    MapPoint(id: "ai-chips", label: "AI 芯片：GPU 与 TPU 架构", gains: 0.66, risk: 0.42, quadrant: .safeZone, group: .user),
  ]

  @Test("the English words of the map are the English catalogue's, key for key")
  func englishMatchesCatalogue() throws {
    let english = try KnowledgeBase.localizer(.english)
    for key in MapText.keys {
      let found = try #require(english.message(key), "en.yaml lacks \(key)")
      #expect(found.language == .english)
      #expect(found.message == MapText.english.entries[key]?.message, "\(key)")
    }
    #expect(MapText(english).fallbackKeys.isEmpty)
    for q in Quadrant.allCases { #expect(MapText.english.quadrantName(q) == q.title) }
  }

  @Test("a map drawn with the English catalogue is the map drawn with no text given, byte for byte")
  func englishUnchanged() throws {
    let text = MapText(try KnowledgeBase.localizer(.english))
    let plain = MapChart.svg(Fixtures.points, options: MapOptions(rubric: Fixtures.rubric))
    let localized = MapChart.svg(Fixtures.points, options: MapOptions(rubric: Fixtures.rubric, text: text))
    #expect(plain == localized)
    #expect(!plain.contains("lang=") && !plain.contains("CJK"))
  }

  @Test("the Chinese map has every word in Chinese, its language named and CJK fonts in its stack")
  func chinese() throws {
    let text = MapText(try KnowledgeBase.localizer(.simplifiedChinese))
    #expect(text.fallbackKeys.isEmpty)
    var options = MapOptions(rubric: Fixtures.rubric, text: text)
    options.uncertainty["wind-energy"] = UncertaintyMark(
      gainsMean: 0.3, riskMean: 0.2, covariance: [0.004, 0, 0.004], probabilities: [.traditional: 0.8, .safeZone: 0.2],
      mostLikely: .traditional, confidence: 0.8)
    let svg = MapChart.svg(Self.chinesePoints, options: options)
    let root = try #require(parseXML(svg))
    #expect(root.attributes["lang"] == "zh-Hans")
    #expect(root.attributes["font-family"]?.contains("'Noto Sans CJK SC'") == true)
    #expect(root.attributes["font-family"]?.hasPrefix("Helvetica, Arial") == true)
    #expect(root.children[0].fullText == "科学安全区：美国–中国合作 — 共同收益与政治风险 · 评分细则 test-1")
    #expect(root.children[1].fullText.hasPrefix("按共同收益（横轴"))
    let names = root.descendants("text", class: "quadrant-name").map(\.fullText)
    #expect(names.contains("安全区") && names.contains("政治运筹") && names.contains("监测") && names.contains("传统合作"))
    #expect(root.descendants("text", class: "axis-title").map(\.fullText) == ["共同收益 →", "政治风险 →"])
    #expect(root.descendants("text", class: "legend-title").first?.fullText == "图例")
    let wind = try #require(root.descendants("g", class: "domain").first { $0.attributes["data-id"] == "wind-energy" })
    let tooltip = try #require(wind.children.first { $0.name == "title" }).text
    #expect(tooltip.hasPrefix("风能 — 传统合作。共同收益 0.30，政治风险 0.20。概率："))
    // None of the English words of the map is left.
    for (key, entry) in MapText.english.entries {
      guard case .text(let english) = entry.message, !english.contains("{"), english.count > 3 else { continue }
      #expect(!svg.contains(">\(SVG.escape(english))<"), "\(key)")
    }
  }

  @Test("Chinese labels are measured a full em per character and sit clear of each other")
  func chineseLayout() throws {
    let text = MapText(try KnowledgeBase.localizer(.simplifiedChinese))
    let layout = MapLayout(Self.chinesePoints, options: MapOptions(rubric: Fixtures.rubric, text: text))
    #expect(layout.labels.allSatisfy { $0 != nil })
    #expect(layoutViolations(layout) == [])
    for (i, lines) in layout.nameLines.enumerated() {
      #expect(lines.count <= 2)
      for line in lines {
        #expect(TextMetrics.width(line, size: layout.style.labelSize) <= layout.style.maxLabelWidth, "\(i): \(line)")
      }
    }
    let long = try #require(Self.chinesePoints.firstIndex { $0.id == "terahertz" })
    #expect(layout.nameLines[long].count == 2 && layout.nameLines[long][1].hasSuffix("…"))
    // The quadrant names and their hints fit their quadrants; the legend its box.
    for name in layout.quadrantNames {
      let box = try #require(name.box)
      #expect(name.region.contains(box))
    }
    for entry in layout.legend.entries {
      for line in entry.lines {
        #expect(line.x + TextMetrics.width(line.text, size: line.size) <= layout.legend.box.maxX - 4, "\(line.text)")
      }
    }
  }

  @Test("CJK text wraps between characters, preferring punctuation and spaces, never inside a run of Latin")
  func wrapping() {
    #expect(TextMetrics.width("安全区", size: 10) == 30)
    #expect(TextMetrics.width("（空心，", size: 10) == 40)
    #expect(TextMetrics.isWide("中") && TextMetrics.isWide("，") && TextMetrics.isWide("￥") && !TextMetrics.isWide("a"))
    #expect(
      TextMetrics.breakUnits("AI 芯片：GPU").map(\.text) == ["AI", "芯", "片：", "GPU"])
    #expect(TextMetrics.breakUnits("AI 芯片").map(\.spaceBefore) == [false, true, false])
    // Closing punctuation stays with the character before it; opening with the one after.
    #expect(TextMetrics.breakUnits("（空心）").map(\.text) == ["（空", "心）"])
    let lines = TextMetrics.wrap("轨迹：早期评估（空心，标注日期）→ 当前定位", size: 13, maxWidth: 190, maxLines: 3)
    #expect(lines == ["轨迹：早期评估（空心，", "标注日期）→ 当前定位"])
    let two = TextMetrics.wrap("个人防护装备与呼吸机以及相关的医疗供应链", size: 13, maxWidth: 120, maxLines: 2)
    #expect(two.count == 2)
    #expect(two.allSatisfy { TextMetrics.width($0, size: 13) <= 120 })
    #expect(two[1].hasSuffix("…"))
    // English text wraps exactly as before.
    #expect(
      TextMetrics.wrap("Personal protective equipment and ventilators", size: 13, maxWidth: 169, maxLines: 2) == [
        "Personal protective", "equipment and ventilators",
      ])
  }

  @Test("CJK fonts join a chart's stack only when its text needs them")
  func fonts() {
    let latin =
      "<svg font-family=\"Helvetica, Arial, &#39;Liberation Sans&#39;, Arimo, sans-serif\"><text>Map</text></svg>"
    #expect(ChartFont.adapted(latin) == latin)
    let chinese = latin.replacingOccurrences(of: "Map", with: "象限图")
    #expect(
      ChartFont.adapted(chinese)
        == "<svg font-family=\"Helvetica, Arial, &#39;Liberation Sans&#39;, Arimo, &#39;Noto Sans CJK SC&#39;, "
        + "&#39;Source Han Sans SC&#39;, &#39;PingFang SC&#39;, &#39;Microsoft YaHei&#39;, "
        + "&#39;WenQuanYi Micro Hei&#39;, sans-serif\"><text>象限图</text></svg>")
    #expect(ChartFont.adapted(ChartFont.adapted(chinese)) == ChartFont.adapted(chinese))
  }

  @Test("the map's title names the pair's countries in the language's short names")
  func titles() throws {
    let zh = MapText(try KnowledgeBase.localizer(.simplifiedChinese))
    #expect(zh.title(pair: CountryPair("EU", "CN")) == "科学安全区：欧盟–中国合作")
    #expect(zh.title(pair: CountryPair("XX", "CN")) == "科学安全区：XX–中国合作")
    #expect(MapText.english.title(pair: CountryPair("EU", "CN")) == "Safe zones for science: EU–CN cooperation")
    #expect(MapText.english.subtitle(rubricVersion: "2026.1") == "Joint gains versus political risk · rubric 2026.1")
  }
}
