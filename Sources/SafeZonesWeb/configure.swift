import Fluent
import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore
import Vapor

/// Configures the app: database and migrations, first-start loading of the shipped rubric
/// and knowledge base, middleware and routes. Shared by `safezones serve`, the command
/// line's store commands and the tests, so tests exercise the real app.
public func configure(_ app: Application, settings: Settings) async throws {
  try settings.prepareDataDirectory()
  app.http.server.configuration.hostname = settings.hostname
  app.http.server.configuration.port = settings.port
  app.routes.defaultMaxBodySize = ByteCount(value: settings.maxBodyBytes)

  app.databases.use(try settings.database.configuration(), as: settings.database.databaseID)
  app.migrations.add(StoreMigrations.all)
  do {
    try await app.autoMigrate()
  } catch {
    throw settings.storeOpenError(error)
  }

  let repository = FluentDomainRepository(database: app.db)
  try await seed(repository, knowledgeBase: settings.seedKnowledgeBase)
  app.storage[CatalogKey.self] = Catalog(repository: repository)
  app.storage[SettingsKey.self] = settings

  app.middleware = Middlewares()
  app.middleware.use(ErrorResponder())
  app.middleware.use(SecurityHeaders())
  try routes(app, settings: settings)
}

/// Loads the shipped rubric (when the store has none) and the shipped knowledge base (when
/// the store has no domains and seeding is on).
func seed(_ repository: any Store, knowledgeBase: Bool) async throws {
  if try await repository.rubrics().isEmpty {
    try await repository.save(StoredRubric(rubric: try KnowledgeBase.rubric(), text: try KnowledgeBase.rubricText()))
  }
  if knowledgeBase, try await repository.isEmpty() {
    _ = try await repository.importDomains(try KnowledgeBase.domains())
  }
}

func routes(_ app: Application, settings: Settings) throws {
  app.get("health") { req async throws -> Response in
    _ = try await req.catalog.repository.revision()
    let response = Response(status: .ok, body: .init(string: "{\"status\":\"ok\"}"))
    response.headers.contentType = .json
    return response
  }
  Assets.register(app)
  try app.register(collection: APIController())
  let pages = app.grouped(CSRFProtection(secureCookies: settings.secureCookies))
  try pages.register(collection: PagesController())
}

struct CatalogKey: StorageKey { typealias Value = Catalog }
struct SettingsKey: StorageKey { typealias Value = Settings }

extension Application {
  /// The app's cached view of the store.
  public var catalog: Catalog { storage[CatalogKey.self]! }
}

extension Request {
  var catalog: Catalog { application.catalog }
  var settings: Settings { application.storage[SettingsKey.self]! }
}
