import Foundation
import NIOCore
import SafeZonesCore
import SnapshotTesting
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// The pages' HTML on the fixture knowledge base (`PagesKit.fixtureYAML`) and the shipped
  /// rubric, compared with `__Snapshots__/PagesSnapshotTests/`. The CSRF token, asset
  /// hashes, today's date, recorded times and the chart itself (SafeZonesCharts has its own
  /// snapshots) are normalized away. Re-record (delete the files, run twice) when a page
  /// or the shipped rubric changes on purpose.
  @Suite("page snapshots")
  struct PagesSnapshotTests {
    static func snapshot(
      _ app: Application, _ path: String, name: String, status: HTTPResponseStatus = .ok
    ) async throws {
      let res = try await PagesKit.get(app, path)
      #expect(res.status == status, "\(path)")
      var strategy = Snapshotting<String, String>.lines
      strategy.pathExtension = "html"
      assertSnapshot(of: PagesKit.normalized(res.body.string), as: strategy, named: name, testName: "page")
    }

    @Test("map, filtered map, domain, old version, forms, rubric, data, 404")
    func pages() async throws {
      try await PagesKit.withFixture { app in
        // setup: a second version of one domain, so the history has a diff.
        // The prefilled form with a few judgements changed, one criterion cleared and one rationale added.
        let second = try await PagesKit.signIn(app, role: .assessor, name: "Second panel")
        let token = second.token
        let form = try await PagesKit.get(app, "/domains/gamma-wind/assess", as: second).body.string
        let fields = PagesKit.replacing(
          PagesKit.formFields(form, id: "assessment-form"),
          [
            "assessor": "Second panel", "date": "2026-03-01", "perspective": "US",
            "note": "Revised after new defence uses were reported.",
            "score-military": "3", "low-military": "2", "high-military": "4",
            "rationale-military": "Turbine control systems now serve naval drones.",
            "score-salience": "2", "score-indifference": "",
          ])
        #expect(
          try await PagesKit.post(app, "/domains/gamma-wind/assess", fields, cookie: token, field: nil, as: second)
            .status
            == .seeOther)

        // check
        try await Self.snapshot(app, "/", name: "map")
        try await Self.snapshot(app, "/?quadrant=safe-zone&quadrant=traditional&tag=energy", name: "map-filtered")
        try await Self.snapshot(app, "/domains/alpha-physics", name: "domain")
        try await Self.snapshot(app, "/domains/gamma-wind", name: "domain-history")
        try await Self.snapshot(app, "/domains/gamma-wind?version=1", name: "domain-version-1")
        try await Self.snapshot(app, "/assess", name: "assess-new")
        try await Self.snapshot(app, "/domains/beta-batteries/assess", name: "assess-append")
        try await Self.snapshot(app, "/rubric", name: "rubric")
        try await Self.snapshot(app, "/data", name: "data")
        try await Self.snapshot(app, "/domains/nowhere", name: "not-found", status: .notFound)
      }
    }

    @Test("a refused form, a conflict and a refused import")
    func errors() async throws {
      try await PagesKit.withFixture { app in
        var strategy = Snapshotting<String, String>.lines
        strategy.pathExtension = "html"

        let refused = try await PagesKit.submit(
          app, "/assess",
          PagesKit.replacing(
            PagesKit.newDomainFields(id: "Bad id"),
            ["score-military": "5", "score-economic": "abc", "low-parity": "4", "assessor": "", "date": "2026-02-30"]))
        #expect(refused.status == .unprocessableEntity)
        assertSnapshot(
          of: PagesKit.normalized(refused.body.string), as: strategy, named: "assess-errors", testName: "page")

        let (first, late) = (
          try await PagesKit.signIn(app, role: .assessor, name: "First in"),
          try await PagesKit.signIn(app, role: .assessor, name: "Second in")
        )
        #expect(
          try await PagesKit.submit(
            app, "/domains/delta-devices/assess", PagesKit.appendFields(base: 1), as: first
          ).status == .seeOther)
        let conflict = try await PagesKit.submit(
          app, "/domains/delta-devices/assess", PagesKit.appendFields(base: 1, military: "2"), as: late)
        #expect(conflict.status == .conflict)
        assertSnapshot(
          of: PagesKit.normalized(conflict.body.string), as: strategy, named: "assess-conflict", testName: "page")

        let bad = try await PagesKit.upload(app, filename: "bad.yaml", content: PagesDataTests.bad)
        #expect(bad.status == .unprocessableEntity)
        assertSnapshot(of: PagesKit.normalized(bad.body.string), as: strategy, named: "data-refused", testName: "page")
      }
    }

    @Test("warnings as of a date, the simulation form and a finished run's results")
    func warningsAndSimulation() async throws {
      try await PagesKit.withSite { app in
        // A date after the shipped assessments, so that the page does not change with the day.
        try await Self.snapshot(app, "/warnings?as_of=2026-12-01", name: "warnings")
        try await Self.snapshot(app, "/simulate", name: "simulate")

        // setup: a run of the Simulation suite's portfolio, with a fixed seed
        let id = try await SimulateTests.start(app, SimulateTests.fields(trials: "200"))
        let final = try await SimulateTests.waitUntilFinished(app, id)
        #expect(final["status"] as? String == "done")

        // check: the results, their wording and units (charts are SafeZonesCharts' snapshots)
        let res = try await PagesKit.get(app, "/simulate/runs/\(id)")
        #expect(res.status == .ok)
        let html = PagesKit.normalized(res.body.string).replacingOccurrences(
          of: "\\(\\d+(\\.\\d+)? s\\)", with: "(DURATION)", options: .regularExpression)
        var strategy = Snapshotting<String, String>.lines
        strategy.pathExtension = "html"
        assertSnapshot(of: html, as: strategy, named: "simulate-run", testName: "page")
      }
    }

    /// Writes the refused form to /tmp for a look in a browser (not a check).
    @Test(
      "write sample pages for screenshots",
      .enabled(if: ProcessInfo.processInfo.environment["SAFEZONES_WRITE_PAGES"] != nil))
    func writeSamples() async throws {
      try await PagesKit.withFixture { app in
        let refused = try await PagesKit.submit(
          app, "/assess",
          PagesKit.replacing(
            PagesKit.newDomainFields(id: "Bad id"),
            ["score-military": "5", "score-economic": "abc", "low-parity": "4", "assessor": "", "date": "2026-02-30"]))
        try refused.body.string.write(toFile: "/tmp/pages-assess-errors.html", atomically: true, encoding: .utf8)
        #expect(
          try await PagesKit.submit(
            app, "/domains/delta-devices/assess", PagesKit.appendFields(base: 1, assessor: "First in")
          ).status == .seeOther)
        let conflict = try await PagesKit.submit(
          app, "/domains/delta-devices/assess", PagesKit.appendFields(base: 1, assessor: "Second in", military: "2"))
        try conflict.body.string.write(toFile: "/tmp/pages-assess-conflict.html", atomically: true, encoding: .utf8)
        let bad = try await PagesKit.upload(app, filename: "bad.yaml", content: PagesDataTests.bad)
        try bad.body.string.write(toFile: "/tmp/pages-data-refused.html", atomically: true, encoding: .utf8)
      }
    }
  }

  /// Against a running server (real sockets), where a request body larger than what
  /// arrives with the headers is streamed rather than collected.
  @Suite("running server")
  struct PagesServerTests {
    @Test("a large form posted to a running server passes the CSRF check")
    func largeFormOnRunningServer() async throws {
      try await PagesKit.withSite { app in
        let port = 18_000 + Int.random(in: 0..<2000)
        let tester = try app.testing(method: .running(port: port))
        let session = PagesKit.session(app)
        let token = session.token
        var fields = PagesKit.newDomainFields(id: "large-form")
        fields = PagesKit.replacing(fields, ["note": String(repeating: "A long note. ", count: 300)])
        fields.insert(("_csrf", token), at: 0)
        let res = try await tester.sendRequest(
          .POST, "/assess",
          headers: [
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": session.cookies(),
          ],
          body: ByteBuffer(string: PagesKit.urlEncoded(fields)))
        // A body larger than the first packet arrives streamed; the CSRF check must collect
        // it before reading the field, or every large form would be refused with 403. (The
        // running-server client follows the 303 to the new domain's page.)
        #expect(res.status == .seeOther || res.status == .ok)
        #expect(try await app.catalog.repository.domain(id: "large-form") != nil)
      }
    }
  }
}
