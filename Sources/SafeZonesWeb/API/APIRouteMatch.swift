import Foundation
import SafeZonesCore
import Vapor

/// Which methods the routes offer for a concrete path (for 405 and its `Allow` header).
enum APIRouteMatch {
  static func methods(for path: String, in routes: Routes) -> [String] {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    var methods: Set<String> = []
    for route in routes.all where route.path.count == parts.count {
      let matches = zip(route.path, parts).allSatisfy { component, part in
        switch component {
        case .constant(let text): return text == part
        case .parameter: return true
        case .anything, .catchall: return true
        }
      }
      if matches { methods.insert(route.method.rawValue) }
    }
    return methods.sorted()
  }
}
