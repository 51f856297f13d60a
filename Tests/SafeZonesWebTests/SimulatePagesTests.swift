import Foundation
import NIOCore
import SafeZonesCore
import SafeZonesStore
import SafeZonesTestSupport
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// The simulation pages through the real app: start a run, follow it, read its results
  /// and charts, find it in the list, run it again; and every refusal.
  @Suite("Simulation")
  struct SimulateTests {
    static let portfolio = TestPortfolio.yaml(
      name: "Web portfolio <b>&</b>", budget: 60, horizon: 6, riskAppetite: 0.5,
      collaborations: [TestPortfolio.neutrino, TestPortfolio.aiDialogue, TestPortfolio.carbonCapture.budget(25)])

    static let scenario = """
      scenario:
        name: Escalation in year 2
        events:
          - {year: 2, shock: south-china-sea-escalation, severity: 0.8}

      """

    static func fields(trials: String = "400", extra: [(String, String)] = []) -> [(String, String)] {
      [
        ("portfolio", portfolio), ("scenario", scenario), ("trials", trials), ("seed", "7"), ("years", ""),
        ("compare_structures", "on"), ("frontier", "on"),
      ] + extra
    }

    /// Submits the form and returns the run's id.
    static func start(
      _ app: Application, _ fields: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Int {
      let res = try await PagesKit.submit(app, "/simulate", fields)
      #expect(res.status == .seeOther, "\(res.body.string.prefix(3000))", sourceLocation: sourceLocation)
      let location = res.headers.first(name: .location) ?? ""
      #expect(location.hasPrefix("/simulate/runs/"), sourceLocation: sourceLocation)
      return try #require(Int(location.split(separator: "/").last ?? ""), sourceLocation: sourceLocation)
    }

    static func status(_ app: Application, _ id: Int) async throws -> [String: Any] {
      let res = try await PagesKit.get(app, "/simulate/runs/\(id)/status")
      #expect(res.status == .ok)
      #expect(res.headers.contentType == .json)
      return (try? JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any]) ?? [:]
    }

    /// Polls the status until the run has finished (or a minute has passed).
    static func waitUntilFinished(_ app: Application, _ id: Int) async throws -> [String: Any] {
      let deadline = Date().addingTimeInterval(120)
      while Date() < deadline {
        let s = try await status(app, id)
        // An interrupted run is waiting to be taken over: not finished either.
        if let state = s["status"] as? String, !["queued", "running", "interrupted"].contains(state) { return s }
        try await Task.sleep(for: .milliseconds(100))
      }
      Issue.record("run \(id) did not finish in time")
      return [:]
    }

    @Test("the form offers every field, the example, and no runs yet")
    func form() async throws {
      try await PagesKit.withSite { app in
        let res = try await PagesKit.get(app, "/simulate")
        #expect(res.status == .ok)
        let html = res.body.string
        #expect(PagesKit.tags(html, "form", having: ["id": "simulate-form"]).first?["enctype"] == "multipart/form-data")
        #expect(PagesKit.tags(html, "textarea", having: ["name": "portfolio"]).count == 1)
        #expect(PagesKit.tags(html, "textarea", having: ["name": "scenario"]).count == 1)
        for name in ["portfolio_file", "scenario_file"] {
          #expect(PagesKit.tags(html, "input", having: ["name": name, "type": "file"]).count == 1)
        }
        for name in ["trials", "seed", "years"] {
          #expect(PagesKit.tags(html, "input", having: ["name": name]).count == 1)
        }
        #expect(
          PagesKit.tags(html, "input", having: ["name": "frontier", "type": "checkbox"]).first?["checked"] != nil)
        #expect(PagesKit.tags(html, "input", having: ["name": "compare_structures"]).first?["checked"] == nil)
        #expect(html.contains("id=\"no-runs\""))
        let example = try await PagesKit.get(app, "/simulate?example=1")
        #expect(example.body.string.contains("neutrino-observatory"))
      }
    }

    @Test("a run: queued, then running, then its results with the charts inline, stored and listed")
    func fullFlow() async throws {
      try await PagesKit.withSite { app in
        // setup: hold the queue so that the run is seen waiting
        let runner = SimulationRunner.of(app)
        runner.suspend()

        // act
        let id = try await Self.start(app, Self.fields())

        // check: the page follows the run, with and without script
        let waiting = try await PagesKit.get(app, "/simulate/runs/\(id)")
        #expect(waiting.status == .ok)
        let waitingHTML = waiting.body.string
        #expect(waitingHTML.contains("<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript></head>"))
        #expect(
          PagesKit.tags(waitingHTML, "div", having: ["id": "simulation-progress"]).first?["data-status-url"]
            == "/simulate/runs/\(id)/status")
        #expect(PagesKit.tags(waitingHTML, "progress", having: ["id": "run-progress"]).count == 1)
        #expect(PagesKit.text(waitingHTML, id: "run-status")?.contains("Queued") == true)
        #expect(try await Self.status(app, id)["status"] as? String == "queued")

        // act: let it run to the end
        runner.resume()
        let final = try await Self.waitUntilFinished(app, id)

        // check: done, results and charts on the page, no refresh any more
        #expect(final["status"] as? String == "done")
        #expect(final["percent"] as? Int == 100)
        let page = try await PagesKit.get(app, "/simulate/runs/\(id)")
        let html = page.body.string
        #expect(!html.contains("http-equiv=\"refresh\""))
        #expect(PagesKit.text(html, id: "run-status")?.contains("Done") == true)
        for chart in ["fan", "survival", "frontier"] {
          #expect(html.contains("<svg") && html.contains("id=\"\(chart)-title\""), "\(chart) chart inline")
          #expect(PagesKit.tags(html, "figure", having: ["id": "\(chart)-figure"]).count == 1)
          #expect(
            PagesKit.tags(html, "a", having: ["id": "download-\(chart)"]).first?["href"]
              == "/simulate/runs/\(id)/\(chart).svg")
        }
        #expect(!html.contains("<style"), "inline charts carry no style element (CSP)")
        #expect(PagesKit.tags(html, "tr").compactMap { $0["data-id"] }.prefix(3) == ["neutrino", "ai-dialogue", "ccs"])
        #expect(html.contains("id=\"comparison-table\"") && html.contains("id=\"frontier-table\""))
        #expect(PagesKit.text(html, id: "recommended")?.contains("Recommended for risk appetite 0.5") == true)
        #expect(PagesKit.text(html, id: "run-trials") == "400")
        #expect(PagesKit.text(html, id: "run-seed") == "7")
        #expect(
          PagesKit.text(html, id: "run-command")
            == "safezones simulate portfolio.yaml --trials 400 --seed 7 --years 6 --scenario scenario.yaml --compare-structures --frontier"
        )
        // The portfolio's name is escaped everywhere.
        #expect(!html.contains("<b>&</b>") && html.contains("Web portfolio &lt;b&gt;&amp;&lt;/b&gt;"))

        // check: stored with its inputs, reproducible
        let stored = try #require(try await app.catalog.repository.simulationRuns.run(id: id))
        #expect(stored.status == .done)
        #expect(stored.inputs.portfolioText == Self.portfolio)
        #expect(stored.inputs.scenarioText == Self.scenario)
        #expect(stored.inputs.scenarioName == "Escalation in year 2")
        #expect(stored.inputs.seed == 7 && stored.inputs.trials == 400 && stored.inputs.years == 6)
        #expect(stored.inputs.catalogueVersion == "2026.1")
        #expect(stored.startedAt != nil && stored.finishedAt != nil)
        let report = try SimulationReport.decode(Data(try #require(stored.resultJSON).utf8))
        #expect(report.inputs.seed == 7 && report.inputs.scenario == "Escalation in year 2")
        #expect(report.frontier != nil && report.comparison?.count == 3)
        #expect(String(decoding: try report.json(), as: UTF8.self) == stored.resultJSON, "the stored JSON round-trips")

        // check: downloads
        let json = try await PagesKit.get(app, "/simulate/runs/\(id)/report.json")
        #expect(json.status == .ok && json.body.string == stored.resultJSON)
        let svg = try await PagesKit.get(app, "/simulate/runs/\(id)/fan.svg")
        #expect(svg.status == .ok && svg.body.string.hasPrefix("<svg"))
        let yaml = try await PagesKit.get(app, "/simulate/runs/\(id)/portfolio.yaml")
        #expect(yaml.body.string == Self.portfolio)
        #expect(try await PagesKit.get(app, "/simulate/runs/\(id)/nothing.svg").status == .notFound)

        // check: listed
        let list = try await PagesKit.get(app, "/simulate")
        let row = try #require(PagesKit.tags(list.body.string, "tr", having: ["data-run": String(id)]).first)
        #expect(row["data-status"] == "done")

        // act, check: running it again prefills the form with the same inputs
        let again = try await PagesKit.get(app, "/simulate?from=\(id)")
        let prefilled = Dictionary(
          PagesKit.formFields(again.body.string, id: "simulate-form"), uniquingKeysWith: { a, _ in a })
        #expect(prefilled["portfolio"] == Self.portfolio)
        #expect(prefilled["seed"] == "7" && prefilled["trials"] == "400" && prefilled["years"] == "6")
        #expect(prefilled["compare_structures"] == "on")
        let second = try await Self.start(app, Array(prefilled.map { ($0.key, $0.value) }).filter { $0.0 != "_csrf" })
        _ = try await Self.waitUntilFinished(app, second)
        let rerun = try #require(try await app.catalog.repository.simulationRuns.run(id: second))
        #expect(rerun.resultJSON == stored.resultJSON, "same inputs and seed, same report")
      }
    }

    @Test("bad input is shown next to its field, with the line and key, and nothing is run")
    func badInput() async throws {
      try await PagesKit.withSite { app in
        // setup
        let bad = Self.portfolio.replacingOccurrences(of: "[artificial-intelligence]", with: "[artificial-inteligence]")

        // act
        let res = try await PagesKit.submit(
          app, "/simulate",
          [
            ("portfolio", bad),
            ("scenario", "scenario:\n  name: S\n  events:\n    - {year: 40, shock: nope, severity: 1}\n"),
            ("trials", "9999999"), ("seed", "x"), ("years", "6"),
          ])

        // check
        #expect(res.status == .unprocessableEntity)
        let html = res.body.string
        #expect(html.contains("id=\"form-errors\""))
        let portfolioError = try #require(PagesKit.text(html, id: "error-portfolio"))
        #expect(
          portfolioError.contains(
            "Line 15: collaborations[1].domains[0]: unknown domain 'artificial-inteligence': not in the knowledge base or the store; did you mean 'artificial-intelligence'?"
          ), "\(portfolioError)")
        #expect(PagesKit.tags(html, "textarea", having: ["name": "portfolio", "aria-invalid": "true"]).count == 1)
        #expect(html.contains("artificial-inteligence]"), "the text is kept")
        let scenarioError = try #require(PagesKit.text(html, id: "error-scenario"))
        #expect(scenarioError.contains("scenario.events[0].year: year 40 is outside the horizon of 6 years"))
        #expect(scenarioError.contains("unknown shock 'nope'"))
        #expect(PagesKit.text(html, id: "error-trials")?.contains("between 100 and 200000") == true)
        #expect(PagesKit.text(html, id: "error-seed")?.contains("whole number") == true)
        #expect(try await app.catalog.repository.simulationRuns.recent(limit: 5).isEmpty)

        // An empty form names the portfolio.
        let empty = try await PagesKit.submit(
          app, "/simulate", [("portfolio", " "), ("trials", "1000"), ("seed", "1")])
        #expect(empty.status == .unprocessableEntity)
        #expect(PagesKit.text(empty.body.string, id: "error-portfolio")?.contains("Paste a portfolio") == true)
      }
    }

    @Test("a portfolio file uploaded with the form wins over the text area")
    func upload() async throws {
      try await PagesKit.withSite { app in
        let token = try await PagesKit.csrfToken(app, from: "/simulate")
        let boundary = "----SafeZonesSimulateBoundary"
        func part(_ name: String, _ value: String) -> String {
          "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        var body = part("_csrf", token) + part("portfolio", "ignored: true") + part("trials", "200") + part("seed", "3")
        body +=
          "--\(boundary)\r\nContent-Disposition: form-data; name=\"portfolio_file\"; filename=\"mine.yaml\"\r\nContent-Type: application/octet-stream\r\n\r\n\(Self.portfolio)\r\n"
        body +=
          "--\(boundary)\r\nContent-Disposition: form-data; name=\"scenario_file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
        body += "--\(boundary)--\r\n"
        let headers: HTTPHeaders = [
          "Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": PagesKit.session(app).cookies(),
        ]
        let res = try await app.testing().sendRequest(
          .POST, "/simulate", headers: headers, body: ByteBuffer(string: body))
        #expect(res.status == .seeOther, "\(res.body.string.prefix(2000))")
        let id = try #require(Int(res.headers.first(name: .location)?.split(separator: "/").last ?? ""))
        let final = try await Self.waitUntilFinished(app, id)
        #expect(final["status"] as? String == "done")
        let stored = try #require(try await app.catalog.repository.simulationRuns.run(id: id))
        #expect(stored.inputs.portfolioText == Self.portfolio)
        #expect(stored.inputs.scenarioText == nil)
        #expect(!stored.inputs.frontier && !stored.inputs.compareStructures)

        // Without a token the form is refused.
        let forged = try await app.testing().sendRequest(
          .POST, "/simulate",
          headers: [
            "Content-Type": "multipart/form-data; boundary=\(boundary)",
            "Cookie": PagesKit.session(app).cookies(csrf: false),
          ],
          body: ByteBuffer(string: part("trials", "200") + "--\(boundary)--\r\n"))
        #expect(forged.status == .forbidden)
      }
    }

    @Test("a run whose server died shows as interrupted, then another worker takes it over and finishes it once")
    func interruptedAndMissing() async throws {
      try await PagesKit.withSite { app in
        // setup: a run taken by a server that stopped reporting two minutes ago
        let runner = SimulationRunner.of(app)
        runner.suspend()
        let past = FluentSimulationRunRepository(database: app.db, now: { Date().addingTimeInterval(-120) })
        let run = try await past.create(
          NewSimulationRun(
            portfolioName: "Old", portfolioText: Self.portfolio, seed: 1, trials: 500, years: 6,
            catalogueVersion: "2026.1", rubricVersion: "2026.1"))
        #expect(try await past.claim(worker: "dead-server", staleAfter: 30)?.id == run.id)

        // act
        let page = try await PagesKit.get(app, "/simulate/runs/\(run.id)")

        // check: shown as interrupted, still followed
        #expect(page.status == .ok)
        #expect(PagesKit.text(page.body.string, id: "run-status")?.contains("Interrupted") == true)
        #expect(PagesKit.text(page.body.string, id: "run-progress-label")?.contains("takes it over") == true)
        #expect(try await Self.status(app, run.id)["status"] as? String == "interrupted")
        let list = try await PagesKit.get(app, "/simulate")
        #expect(
          PagesKit.tags(list.body.string, "tr", having: ["data-run": String(run.id)]).first?["data-status"]
            == "interrupted")

        // act: this server's worker is free again
        runner.resume()
        let final = try await Self.waitUntilFinished(app, run.id)

        // check: finished by this worker, once; the dead one cannot finish it any more
        #expect(final["status"] as? String == "done")
        let stored = try #require(try await app.catalog.repository.simulationRuns.run(id: run.id))
        #expect(stored.attempts == 2 && stored.worker == runner.worker && stored.resultJSON != nil)
        #expect(try await past.complete(id: run.id, worker: "dead-server", resultJSON: "{}", message: nil) == false)
        #expect(try await PagesKit.get(app, "/simulate/runs/999").status == .notFound)
        #expect(try await PagesKit.get(app, "/simulate/runs/abc").status == .notFound)
        #expect(try await PagesKit.get(app, "/simulate?from=999").status == .notFound)
        #expect(try await PagesKit.get(app, "/simulate/runs/\(run.id)/report.json").status == .ok)
      }
    }
  }
}
