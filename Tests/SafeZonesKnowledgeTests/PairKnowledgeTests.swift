import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// The shipped pairs' data is complete and valid, and pair files are read with located errors.
@Suite("shipped pairs")
struct PairKnowledgeTests {
  static let euChina = CountryPair("EU", "CN")

  @Test("the shipped rubric names US-CN as its default and knows EU-CN")
  func rubric() throws {
    let r = try KnowledgeBase.rubric()
    #expect(r.defaultPair == .usChina)
    #expect(r.countries == .usChina)
    #expect(r.pairs.first == .usChina)
    #expect(r.pairs.contains(Self.euChina))
  }

  @Test("every essay domain is assessed for EU-CN, on every criterion, with a rationale and checkable evidence")
  func euChinaComplete() throws {
    let rubric = try KnowledgeBase.rubric()
    let essay = try DomainLoader.parse(KnowledgeBase.domainsText(), file: "knowledge-base.yaml").map(\.id)
    #expect(essay.count == 27)
    let scope = try KnowledgeBase.scope(Self.euChina, rubric: rubric)
    let assessed = Dictionary(uniqueKeysWithValues: scope.domains.map { ($0.id, $0) })
    for id in essay {
      let domain = try #require(assessed[id], "\(id) has no EU-CN assessment")
      let current = try #require(domain.current)
      #expect(current.pair == Self.euChina)
      #expect(current.missing(in: rubric).isEmpty, "\(id): \(current.missing(in: rubric))")
    }
    var scores = 0
    var ranges = 0
    for domain in scope.domains {
      for a in domain.assessments {
        #expect(a.date <= KnowledgeBaseTests.latestDate)
        #expect(a.validate(key: domain.id).isEmpty)
        for (criterion, score) in a.scores {
          scores += 1
          if score.value.isRange { ranges += 1 }
          #expect(!(score.rationale ?? "").trimmingCharacters(in: .whitespaces).isEmpty, "\(domain.id) \(criterion)")
          #expect(!score.evidence.isEmpty, "\(domain.id) \(criterion) cites no evidence")
          for evidence in score.evidence {
            let problem = KnowledgeBaseTests.evidenceProblem(evidence, date: a.date)
            #expect(problem == nil, "\(domain.id) \(criterion): \(problem ?? "") — \(evidence.prefix(100))")
          }
        }
      }
    }
    #expect(scores >= 27 * 14)
    // Uncertain judgements are ranges; a set with none would be suspect.
    #expect(ranges > scores / 10)
  }

  @Test("pair files add judgements without touching the default pair: KnowledgeBase.domains() is US-CN only")
  func defaultUntouched() throws {
    let rubric = try KnowledgeBase.rubric()
    let usOnly = try KnowledgeBase.domains()
    #expect(usOnly.allSatisfy { $0.assessments.allSatisfy { $0.judgedPair(default: rubric.defaultPair) == .usChina } })
    let all = try KnowledgeBase.allDomains()
    #expect(all.map(\.id) == usOnly.map(\.id))
    #expect(all.contains { $0.assessments.contains { $0.pair == Self.euChina } })
    // The shipped files' folders are named after pairs the rubric knows.
    for (name, _) in try KnowledgeBase.pairFiles() {
      let folder = name.split(separator: "/")[1]
      #expect(rubric.pairs.map { $0.id.lowercased() }.contains(String(folder)), "\(name)")
    }
  }

  static let scores = """
        scores:
          fundamentality: {value: 2, rationale: "r", evidence: "e"}
    """

  @Test("a pair file's mistakes are reported with file, line and key")
  func locatedErrors() throws {
    let wrongPair = """
      pair: EU-CN
      assessments:
        - domain: wind-energy
          assessor: A
          date: 2025-01-01
          pair: US-CN
      \(Self.scores)
      """
    let e1 = #expect(throws: InputError.self) { try PairAssessmentLoader.parse(wrongPair, file: "p.yaml") }
    #expect(e1?.description.contains("this file judges EU-CN, not US-CN") == true)

    let badPair = "pair: EUROPE-CN\nassessments: []\n"
    let e2 = #expect(throws: InputError.self) { try PairAssessmentLoader.parse(badPair, file: "p.yaml") }
    #expect(e2?.issues.first?.key == "pair")
    #expect(e2?.issues.first?.line == 1)

    let noDomain = """
      pair: EU-CN
      assessments:
        - assessor: A
          date: 2025-01-01
      \(Self.scores)
      """
    let e3 = #expect(throws: InputError.self) { try PairAssessmentLoader.parse(noDomain, file: "p.yaml") }
    #expect(e3?.description.contains("assessments[0].domain") == true)

    let ok = """
      pair: eu-cn
      assessments:
        - domain: wind-enrgy
          assessor: A
          date: 2025-01-01
      \(Self.scores)
      """
    let parsed = try PairAssessmentLoader.parse(ok, file: "p.yaml")
    #expect(parsed.pair == Self.euChina)
    #expect(parsed.entries.first?.assessment.pair == Self.euChina)
    var domains = try KnowledgeBase.domains()
    let e4 = #expect(throws: InputError.self) {
      try PairAssessmentLoader.merge(parsed.entries, into: &domains, file: "p.yaml")
    }
    #expect(e4?.description.contains("unknown domain 'wind-enrgy'; did you mean 'wind-energy'?") == true)
  }

  @Test("an assessment in a domain file may name its pair; a malformed one is refused with its key")
  func domainFilePair() throws {
    let text = """
      domains:
        - id: my-field
          name: My field
          assessment:
            assessor: A
            date: 2025-01-01
            pair: EU-CN
            scores:
              fundamentality: {value: 2, rationale: "r", evidence: "e"}
      """
    let domains = try DomainLoader.parse(text, file: "d.yaml")
    #expect(domains[0].assessments[0].pair == Self.euChina)
    let bad = text.replacingOccurrences(of: "pair: EU-CN", with: "pair: EU")
    let error = #expect(throws: InputError.self) { try DomainLoader.parse(bad, file: "d.yaml") }
    #expect(error?.issues.contains { $0.key == "domains[0].assessment.pair" } == true)
  }
}
