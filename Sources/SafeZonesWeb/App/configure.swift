import Crypto
import Fluent
import Foundation
import SafeZonesApplication
import SafeZonesCore
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
  // Large answers (pages, JSON, SVG, CSV) go gzipped to clients that accept it; the
  // catalog's cached bodies carry their own compressed form and opt out.
  app.http.server.configuration.responseCompression = .enabledForCompressibleTypes

  app.databases.use(try settings.database.configuration(), as: settings.database.databaseID)
  app.migrations.add(StoreMigrations.all)
  app.migrations.add(SessionRecord.migration)
  let repository = FluentDomainRepository(database: app.db)
  // Migrations and seeding one server at a time, for servers started together on one
  // PostgreSQL database.
  try await SetupLock.holding(on: app.db) { [app] in
    do { try await app.autoMigrate() } catch { throw settings.storeOpenError(error) }
    try await StoreSetup.seed(repository, knowledgeBase: settings.seedKnowledgeBase)
  }
  app.storage[CatalogKey.self] = Catalog(repository: repository)
  app.storage[SettingsKey.self] = settings
  app.storage[Application.ServerKeyKey.self] = SymmetricKey(data: Data(try await repository.serverSecret().utf8))
  app.storage[Application.AccountServiceKey.self] = try AccountService(
    store: repository, hasher: BcryptHasher(cost: settings.passwordHashCost))
  // Sessions live in the database, so that every server on it knows them.
  app.sessions.use(.fluent(settings.database.databaseID))
  let secure = settings.secureCookies
  app.sessions.configuration = SessionsConfiguration(cookieName: SessionAuthenticator.cookie) { id in
    HTTPCookies.Value(
      string: id.string, expires: nil, maxAge: nil, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
  }

  app.middleware = Middlewares()
  app.middleware.use(ErrorResponder())
  app.middleware.use(AllowedHosts(settings: settings))
  app.middleware.use(SecurityHeaders())
  app.middleware.use(ConditionalGet())
  try routes(app, settings: settings)
  // Simulation jobs queued before a restart, or by a server that died, are taken up now.
  if settings.startsJobWorker {
    _ = SimulationRunner.of(app)
    StressJobs.of(app).resume(app)
  }
}

func routes(_ app: Application, settings: Settings) throws {
  let open = app.access(.open)
  open.get("health") { req async throws -> Response in
    _ = try await req.catalog.repository.revision()
    let response = Response(
      status: .ok, body: .init(string: "{\"status\":\"ok\",\"version\":\"\(SafeZonesVersion.current)\"}"))
    response.headers.contentType = .json
    response.headers.responseCompression = .disable
    return response
  }
  Assets.register(open)
  // The API knows bearer tokens only; the pages know sessions only.
  // The language first, so that every refusal after it (an unknown pair too) speaks it.
  try app.grouped(BearerAuthenticator(), LanguageSelection(), PairSelection()).register(collection: APIController())
  let pages = app.grouped(
    app.sessions.middleware, SessionAuthenticator(), CSRFProtection(secureCookies: settings.secureCookies),
    LanguageSelection(), PairSelection())
  let features: [any RouteCollection] = [
    MapController(), DomainController(), AssessController(), RubricController(), DataController(),
    RoundsController(), SimulateController(), ChangeController(), SignInController(), AccountController(),
    AdminController(), TaxonomyController(), ScreenController(), SupplyChainController(), CompareController(),
  ]
  for feature in features { try pages.register(collection: feature) }
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
