import SafeZonesCore
import SafeZonesStore
import Testing

extension StoreTests {
  @Suite struct Locations {
    @Test(arguments: [
      ("postgres://sz:secret@127.0.0.1:55432/sz", StoreLocation.postgres("postgres://sz:secret@127.0.0.1:55432/sz")),
      ("postgresql://sz@db.example.com/sz", .postgres("postgresql://sz@db.example.com/sz")),
      (" sqlite:///var/lib/safezones/store.db ", .sqliteFile("/var/lib/safezones/store.db")),
      ("sqlite://relative.db", .sqliteFile("relative.db")),
      ("sqlite::memory:", .sqliteMemory),
      (":memory:", .sqliteMemory),
      ("data/store.sqlite", .sqliteFile("data/store.sqlite")),
    ])
    func parsesSupportedURLs(text: String, expected: StoreLocation) throws {
      #expect(try StoreLocation(url: text) == expected)
    }

    @Test(arguments: [
      "postgres://sz:secret@127.0.0.1:55432/", "postgres://sz:secret@127.0.0.1:55432", "postgres:///sz",
      "postgres://127.0.0.1:5432/sz", "mysql://u:p@host/db", "sqlite://", "",
    ])
    func rejectsUnusableURLsWithoutShowingThePassword(text: String) {
      #expect {
        _ = try StoreLocation(url: text)
      } throws: { error in
        guard let error = error as? InputError else { return false }
        return error.issues.first?.key == "database" && !error.description.contains("secret")
      }
    }

    @Test func redactsPasswords() {
      #expect(StoreLocation.redacted("postgres://sz:secret@localhost:5432/sz") == "postgres://sz:***@localhost:5432/sz")
      #expect(StoreLocation.redacted("sqlite:///a.db") == "sqlite:///a.db")
      #expect(!StoreLocation.postgres("postgres://sz:secret@localhost/sz").description.contains("secret"))
    }
  }
}
