import FluentKit

/// Every migration of the store, in order. Append new ones; never edit a shipped one.
public enum StoreMigrations {
  public static let all: [any Migration] = [
    M001_CreateDomains(),
    M002_CreateAssessments(),
    M003_CreateLinks(),
    M004_CreateRubrics(),
    M005_CreateRevision(),
    M006_CreateRounds(), M007_CreateJudgements(),
    M008_CreateSimulationRuns(),
    M009_AddAssessmentDrifts(),
    M010_AddChangeRevisions(),
    M011_CreateAccounts(),
    M012_CreateAudit(),
    M013_AppendOnlyTriggers(),
    M014_AddSimulationJobs(),
    M015_AddSecondFactor(),
    M016_CreateRoundDrafts(),
    M017_AddDomainKeywords(),
    M018_CreateDecisionRecords(),
    M019_CreatePartnerLists(),
    M020_CreateStressRuns(),
    M021_AddAssessmentPairs(),
    M022_AddRoundPairs(),
    M023_AddSimulationRunPairs(),
  ]
}
