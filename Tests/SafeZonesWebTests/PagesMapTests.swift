import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  @Suite("map page and downloads")
  struct PagesMapTests {
    @Test("GET / shows the filter form, the map, the table and the downloads for every domain")
    func mapPage() async throws {
      try await PagesKit.withSite { app in
        // act
        let res = try await PagesKit.get(app, "/")
        let html = res.body.string
        // check
        #expect(res.status == .ok)
        #expect(res.headers.contentType == .html)
        let total = try KnowledgeBase.domains().count
        #expect(PagesKit.tags(html, "form", having: ["id": "filters", "method": "get"]).count == 1)
        let boxes = PagesKit.tags(html, "input", having: ["type": "checkbox", "name": "quadrant"]).compactMap {
          $0["value"]
        }
        #expect(boxes == ["safe-zone", "political-engineering", "monitor", "traditional"])
        #expect(PagesKit.tags(html, "select", having: ["name": "tag"]).count == 1)
        // The page header's pair and language selectors come first; the tag filter's options follow.
        let pairs = try KnowledgeBase.rubric().pairs.map(\.id)
        let languages = SafeZonesCore.Language.allCases.map(\.tag)
        let all = PagesKit.tags(html, "option").compactMap { $0["value"] }
        #expect(Array(all.prefix(pairs.count)) == pairs)
        #expect(Set(all.dropFirst(pairs.count).prefix(languages.count)) == Set(languages))
        let options = Array(all.dropFirst(pairs.count + languages.count))
        #expect(options.first == "any")
        #expect(options.contains("fundamental-science"))
        #expect(PagesKit.tags(html, "input", having: ["name": "q"]).count == 1)
        #expect(PagesKit.tags(html, "button", having: ["id": "apply-filters"]).count == 1)
        #expect(PagesKit.text(html, id: "domain-count") == "\(total) of \(total) domains")
        #expect(html.contains("<table id=\"domain-table\""))
        #expect(html.contains("<caption>"))
        let rows = PagesKit.tableIDs(html)
        #expect(rows.count == total)
        #expect(Set(PagesKit.mapPoints(html)) == Set(rows))
        // The chart's <style> would break the content security policy; points link to domains.
        #expect(!html.contains("<style"))
        #expect(!html.contains("style=\""))
        #expect(html.contains("href=\"/domains/fundamental-quantum-physics\""))
        for link in ["/map.svg", "/export.csv", "/export.json"] {
          #expect(PagesKit.tags(html, "a", having: ["href": link]).count == 1, "download link \(link)")
        }
        #expect(res.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
      }
    }

    @Test("quadrant, tag and text filters narrow the map and the table alike")
    func filters() async throws {
      try await PagesKit.withSite { app in
        let snapshot = try await app.catalog.snapshot()
        let total = snapshot.placed.count

        // act: one quadrant
        var html = try await PagesKit.get(app, "/?quadrant=safe-zone").body.string
        // check
        let safe = snapshot.placed.filter { $0.quadrant == .safeZone }.map(\.id)
        #expect(Set(PagesKit.tableIDs(html)) == Set(safe))
        #expect(Set(PagesKit.mapPoints(html)) == Set(safe))
        #expect(PagesKit.text(html, id: "domain-count") == "\(safe.count) of \(total) domains match the filter")
        #expect(PagesKit.tags(html, "input", having: ["value": "safe-zone"]).first?["checked"] != nil)
        #expect(PagesKit.tags(html, "input", having: ["value": "monitor"]).first?["checked"] == nil)

        // act: two quadrants
        html = try await PagesKit.get(app, "/?quadrant=monitor&quadrant=traditional").body.string
        let two = snapshot.placed.filter { $0.quadrant == .monitor || $0.quadrant == .traditional }.map(\.id)
        #expect(Set(PagesKit.tableIDs(html)) == Set(two))

        // act: a tag
        html = try await PagesKit.get(app, "/?tag=fundamental-science").body.string
        let tagged = snapshot.placed.filter { $0.tags.contains("fundamental-science") }.map(\.id)
        #expect(!tagged.isEmpty)
        #expect(Set(PagesKit.tableIDs(html)) == Set(tagged))
        #expect(PagesKit.tags(html, "option", having: ["value": "fundamental-science"]).first?["selected"] != nil)

        // act: "any" tag is no filter
        html = try await PagesKit.get(app, "/?tag=any").body.string
        #expect(PagesKit.tableIDs(html).count == total)

        // act: text, case-insensitive, on name and on id
        html = try await PagesKit.get(app, "/?q=QUANTUM").body.string
        let quantum = Set(PagesKit.tableIDs(html))
        #expect(quantum.isSuperset(of: ["fundamental-quantum-physics", "quantum-encryption", "quantum-computing"]))
        // Only domains that are about the word: it is in their name, id, tags, keywords or summary.
        for id in quantum {
          let d = try #require(snapshot.domain(id))
          let text = ([d.id, d.name, d.summary ?? ""] + d.tags + d.keywords).joined(separator: " ").lowercased()
          #expect(text.contains("quantum"), "\(id)")
        }
        #expect(!quantum.contains("wind-energy"))
        // Every word of the id is also in power electronics' summary ("power semiconductor
        // devices … in grids … a critical supply chain with networked controls").
        html = try await PagesKit.get(app, "/?q=networked-critical-grid-devices").body.string
        #expect(PagesKit.tableIDs(html) == ["networked-critical-grid-devices", "power-electronics"])
        #expect(
          PagesKit.tags(html, "input", having: ["name": "q"]).first?["value"] == "networked-critical-grid-devices")
        // Words, their forms and synonyms, not letters: what a new user typed (issue 11).
        for (query, expected) in [
          ("machine+learning", ["artificial-intelligence"]), ("AI", ["artificial-intelligence"]),
          ("battery", ["lithium-based-batteries"]), ("solar+cells", ["solar-photovoltaics"]),
        ] {
          html = try await PagesKit.get(app, "/?q=\(query)").body.string
          let found = PagesKit.tableIDs(html)
          #expect(Set(expected).isSubset(of: found), "\(query): \(found)")
          for other in ["aerospace", "direct-air-capture", "wind-energy", "particle-physics"] {
            #expect(!found.contains(other), "\(query) found \(other)")
          }
        }
        // As one types, the last word also matches the words it begins.
        html = try await PagesKit.get(app, "/?q=lithium+batt").body.string
        #expect(PagesKit.tableIDs(html).contains("lithium-based-batteries"))
        #expect(!PagesKit.tableIDs(html).contains("solar-photovoltaics"))

        // act: combined, and nothing left
        html = try await PagesKit.get(app, "/?quadrant=monitor&q=quantum").body.string
        let aboutQuantum = { (p: PlacedDomain) in
          ([p.domain.id, p.domain.name, p.domain.summary ?? ""] + p.domain.tags + p.domain.keywords).joined(
            separator: " "
          ).lowercased().contains("quantum")
        }
        #expect(
          Set(PagesKit.tableIDs(html))
            == Set(snapshot.placed.filter { $0.quadrant == .monitor && aboutQuantum($0) }.map(\.id)))
        html = try await PagesKit.get(app, "/?q=zzyzx+qwertyuiop").body.string
        #expect(PagesKit.tableIDs(html).isEmpty)
        #expect(PagesKit.mapPoints(html).isEmpty)
        #expect(html.contains("id=\"no-matches\""))
        #expect(PagesKit.text(html, id: "domain-count") == "0 of \(total) domains match the filter")

        // Unknown quadrant values are ignored rather than failing the page.
        let res = try await PagesKit.get(app, "/?quadrant=nowhere")
        #expect(res.status == .ok)
        #expect(PagesKit.tableIDs(res.body.string).count == total)
      }
    }

    @Test("the download links carry the filter")
    func downloadLinksCarryFilter() async throws {
      try await PagesKit.withSite { app in
        let html = try await PagesKit.get(app, "/?quadrant=monitor&tag=security&q=a%20b").body.string
        #expect(
          PagesKit.tags(html, "a", having: ["id": "download-csv"]).first?["href"]
            == "/export.csv?quadrant=monitor&tag=security&q=a%20b")
        #expect(
          PagesKit.tags(html, "a", having: ["id": "download-svg"]).first?["href"]
            == "/map.svg?quadrant=monitor&tag=security&q=a%20b")
      }
    }

    @Test("GET /map.svg, /export.json, /export.csv and /history.csv download files")
    func downloads() async throws {
      try await PagesKit.withSite { app in
        let snapshot = try await app.catalog.snapshot()

        // act
        let svg = try await PagesKit.get(app, "/map.svg")
        // check
        #expect(svg.status == .ok)
        #expect(svg.headers.contentType?.subType == "svg+xml")
        #expect(svg.headers.first(name: .contentDisposition) == "attachment; filename=\"safezones-map.svg\"")
        #expect(svg.body.string.contains("<svg"))
        #expect(PagesKit.mapPoints(svg.body.string).count == snapshot.domains.count)

        let json = try await PagesKit.get(app, "/export.json")
        #expect(json.status == .ok)
        #expect(json.headers.contentType == .json)
        #expect(json.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
        // The export is in the input format: it loads back unchanged.
        let reloaded = try DomainLoader.parse(json.body.string, file: "export.json")
        #expect(reloaded.map(\.id) == snapshot.domains.map(\.id))

        let csv = try await PagesKit.get(app, "/export.csv")
        #expect(csv.status == .ok)
        #expect(csv.headers.contentType?.subType == "csv")
        #expect(csv.headers.first(name: .contentDisposition) == "attachment; filename=\"safezones-placements.csv\"")
        let lines = csv.body.string.split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("id,name,gains,risk,quadrant") == true)
        #expect(lines.count == snapshot.domains.count + 1)

        let filtered = try await PagesKit.get(app, "/export.csv?quadrant=safe-zone")
        #expect(
          filtered.body.string.split(separator: "\r\n").count == snapshot.placed.filter { $0.quadrant == .safeZone }
            .count + 1)

        let history = try await PagesKit.get(app, "/history.csv")
        #expect(history.status == .ok)
        #expect(history.body.string.hasPrefix("domain,name,version,pair,assessor,date"))
      }
    }

    @Test("GET /domains redirects to the map")
    func domainsIndex() async throws {
      try await PagesKit.withSite { app in
        let res = try await PagesKit.get(app, "/domains")
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/")
      }
    }
  }
}
